"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { resendEmail } from "@/lib/actions/staff/resend-email";

export function ResendButton({ id, subject }: { id: string; subject: string }) {
  const t = useTranslations("staff.outbox");
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const [result, setResult] = useState<"ok" | "queued" | "failed" | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        data-testid="resend-email"
        aria-label={t("resendLabel", { subject })}
        onClick={() =>
          startTransition(async () => {
            const r = await resendEmail({ id });
            setResult(r.ok ? "ok" : r.code === "CONFLICT" ? "queued" : "failed");
            // The table and the preview show the new delivery state.
            router.refresh();
          })
        }
        className="rounded-md px-2.5 py-1 text-sm font-medium text-blue-700 ring-1 ring-inset ring-gray-300 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:text-gray-500"
      >
        {t("resend")}
      </button>
      <span role="status" className={`text-xs ${result === "failed" ? "text-red-700" : result === "queued" ? "text-gray-700" : "text-emerald-800"}`}>
        {result === "ok" ? t("resent") : result === "queued" ? t("alreadyQueued") : result === "failed" ? t("resendFailed") : ""}
      </span>
    </span>
  );
}
