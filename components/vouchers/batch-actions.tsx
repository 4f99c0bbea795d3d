"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState, useTransition } from "react";
import { ConfirmPanel } from "@/components/staff/confirm-panel";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/action";
import { revokeVouchersAction } from "@/lib/actions/vouchers/revoke-vouchers";
import { type MoneyLocale, parseMoney } from "@/lib/money";
import { StaffReason } from "@/lib/staff/reason";
import { voucherMoney } from "./batch-effect";

type Result = ActionResult<{ count: number; faceValue: string }>;

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
  const root = useTranslations();
  const locale = useLocale() as MoneyLocale;
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<"reason" | "confirm">("reason");
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [pending, start] = useTransition();

  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
  }, [open]);

  const count = target.count;
  const total = voucherMoney(BigInt(target.total), locale);
  const title = target.voucher ? t("revokeDialog.titleOne", { hint: target.voucher.hint }) : t("revokeDialog.titleAll", { name: target.batchName });
  const testId = target.voucher ? "revoke-code" : "revoke-batch";
  const done = result?.ok ? result.data : null;

  function closed() {
    setOpen(false);
    setStep("reason");
    if (done) {
      setReason("");
      setResult(null);
      router.refresh();
    }
  }

  function review(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const next = String(new FormData(e.currentTarget).get("reason") ?? "").trim();
    setReason(next);
    setResult(null);
    if (!StaffReason.safeParse(next).success) return setReasonError(root("staff.confirm.errors.reason"));
    setReasonError(null);
    setStep("confirm");
  }

  function confirm() {
    start(async () => {
      const r = await revokeVouchersAction({ batchId: target.batchId, voucherId: target.voucher?.id, reason });
      setResult(r);
      if (!r.ok && r.fieldErrors?.reason) {
        setReasonError(root("staff.confirm.errors.reason"));
        setStep("reason");
      }
    });
  }

  const failed = result && !result.ok ? result : null;
  return (
    <>
      <Button type="button" variant={compact ? "ghost" : "danger"} className={compact ? "px-2 py-1 text-red-700" : ""} onClick={() => setOpen(true)}>
        {label}
      </Button>
      {open && (
        <dialog
          ref={dialog}
          onClose={closed}
          aria-label={title}
          data-testid={`${testId}-dialog`}
          className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-lg bg-white p-5 text-left shadow-xl ring-1 ring-gray-200 backdrop:bg-gray-900/40"
        >
          <div className="space-y-4">
            <h2 className="text-base font-semibold text-gray-900">{title}</h2>
            {done ? (
              <>
                <Alert tone="success">
                  <span data-testid={`${testId}-result`}>{t("revoked", { count: done.count, total: voucherMoney(parseMoney(done.faceValue, { allowZero: true }), locale) })}</span>
                </Alert>
                <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
                  {t("revokeDialog.close")}
                </Button>
              </>
            ) : step === "confirm" ? (
              <ConfirmPanel
                testId={testId}
                lead={target.voucher ? t("revokeDialog.leadOne", { hint: target.voucher.hint, name: target.batchName }) : t("revokeDialog.leadAll", { name: target.batchName })}
                effects={[t("revokeDialog.effectCount", { count, total }), t("revokeDialog.effectRedeemed", { count: target.redeemed }), t("revokeDialog.effectFinal")]}
                reason={reason}
                error={failed ? root(`errors.${failed.code}`) : null}
                pending={pending}
                danger
                onConfirm={confirm}
                onEdit={() => setStep("reason")}
              />
            ) : (
              <form onSubmit={review} className="space-y-4" aria-label={title} noValidate>
                <p className="text-sm text-gray-800">{t("revokeDialog.intro", { count, total })}</p>
                <Field
                  label={root("staff.confirm.reasonLabel")}
                  name="reason"
                  id={`${testId}-reason-field`}
                  defaultValue={reason}
                  required
                  minLength={3}
                  maxLength={500}
                  hint={root("staff.confirm.reasonHint")}
                  error={reasonError ?? undefined}
                  autoFocus
                />
                <div className="flex flex-wrap gap-3">
                  <Button type="submit">{root("staff.confirm.review")}</Button>
                  <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
                    {t("revokeDialog.cancel")}
                  </Button>
                </div>
              </form>
            )}
          </div>
        </dialog>
      )}
    </>
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
