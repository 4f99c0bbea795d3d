"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { revokeVouchersAction } from "@/lib/actions/vouchers/revoke-vouchers";

/** Revokes the batch's unused codes, or one code, after a confirmation. */
export function RevokeButton({ batchId, voucherId, label, confirm, compact = false }: { batchId: string; voucherId?: string; label: string; confirm: string; compact?: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, start] = useTransition();
  function revoke() {
    if (!window.confirm(confirm)) return;
    start(async () => {
      const r = await revokeVouchersAction({ batchId, voucherId });
      setMessage(r.ok ? { tone: "success", text: t("vouchers.staff.revoked", { count: r.data.count }) } : { tone: "error", text: t(`errors.${r.code}`) });
      router.refresh();
    });
  }
  return (
    <span className="inline-flex flex-col items-start gap-2">
      <Button type="button" variant={compact ? "ghost" : "danger"} className={compact ? "px-2 py-1 text-red-700" : ""} onClick={revoke} disabled={pending}>
        {label}
      </Button>
      {message && !compact && <Alert tone={message.tone}>{message.text}</Alert>}
    </span>
  );
}

/** The one download of a batch's codes; the page then shows it as downloaded. */
export function DownloadCodesLink({ batchId, label }: { batchId: string; label: string }) {
  const router = useRouter();
  return (
    <a href={`/staff/vouchers/${batchId}/codes`} download className={buttonClass("primary")} onClick={() => setTimeout(() => router.refresh(), 1500)}>
      {label}
    </a>
  );
}
