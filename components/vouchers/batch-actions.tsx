"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { ReasonDialog } from "@/components/staff/reason-dialog";
import { buttonClass } from "@/components/ui/button";
import { revokeVouchersAction } from "@/lib/actions/vouchers/revoke-vouchers";
import { type MoneyLocale, parseMoney } from "@/lib/money";
import { voucherMoney } from "./batch-effect";

export interface RevokeTarget {
  batchId: string;
  /** The batch's note, or its generic title when it has none. */
  batchName: string;
  /** One code (with its last four characters), or the batch's unused codes when absent. */
  voucher?: { id: string; hint: string };
  /** How many unused codes a revoke would withdraw, and their face value in micro-dollars (a decimal string). */
  count: number;
  total: string;
  /** Redeemed codes of the batch: they stay with their accounts. */
  redeemed: number;
}

/**
 * Revokes the batch's unused codes, or one code, in a dialog: the reason, then a
 * confirmation of the effect (how many codes, their face value, redeemed vouchers kept),
 * then the outcome. The page is refreshed when the dialog closes, so the outcome stays
 * readable even when the button itself goes away with the last unused code.
 */
export function RevokeButton({ target, label, compact = false }: { target: RevokeTarget; label: string; compact?: boolean }) {
  const t = useTranslations("vouchers.staff");
  const locale = useLocale() as MoneyLocale;
  const count = target.count;
  const total = voucherMoney(BigInt(target.total), locale);
  return (
    <ReasonDialog
      trigger={{ label, variant: compact ? "ghost" : "danger", className: compact ? "px-2 py-1 text-red-700" : "" }}
      title={target.voucher ? t("revokeDialog.titleOne", { hint: target.voucher.hint }) : t("revokeDialog.titleAll", { name: target.batchName })}
      testId={target.voucher ? "revoke-code" : "revoke-batch"}
      intro={t("revokeDialog.intro", { count, total })}
      lead={target.voucher ? t("revokeDialog.leadOne", { hint: target.voucher.hint, name: target.batchName }) : t("revokeDialog.leadAll", { name: target.batchName })}
      effects={[t("revokeDialog.effectCount", { count, total }), t("revokeDialog.effectRedeemed", { count: target.redeemed }), t("revokeDialog.effectFinal")]}
      danger
      run={(reason) => revokeVouchersAction({ batchId: target.batchId, voucherId: target.voucher?.id, reason })}
      outcome={(done) => t("revoked", { count: done.count, total: voucherMoney(parseMoney(done.faceValue, { allowZero: true }), locale) })}
      cancelLabel={t("revokeDialog.cancel")}
      closeLabel={t("revokeDialog.close")}
    />
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
