"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/action";
import { confirmWireAction, refundPaymentAction } from "@/lib/actions/payments/staff";
import { fieldError, formError } from "./messages";

const input = "w-28 rounded-md border-0 px-2 py-1.5 text-sm text-gray-900 ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-blue-700";

export function ConfirmWireForm({ paymentId, announced }: { paymentId: string; announced: string }) {
  const t = useTranslations("payments.staff");
  const tAll = useTranslations();
  const [state, action, pending] = useActionState<ActionResult<{ credited: string }> | null, FormData>((_s, fd) => confirmWireAction(fd), null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="paymentId" value={paymentId} />
      <label className="sr-only" htmlFor={`received-${paymentId}`}>
        {t("received")}
      </label>
      <input id={`received-${paymentId}`} name="received" defaultValue={announced} inputMode="decimal" className={input} aria-label={t("received")} />
      <Button type="submit" disabled={pending}>
        {t("confirm")}
      </Button>
      {state && !state.ok && (
        <p role="alert" className="w-full text-xs text-red-700">
          {fieldError(tAll, state, "received", { min: "$0.01", max: "" }) ?? formError(tAll, state, [])}
        </p>
      )}
    </form>
  );
}

export function RefundForm({ paymentId, refundable, refundableLabel, balanceLabel }: { paymentId: string; refundable: string; refundableLabel: string; balanceLabel: string }) {
  const t = useTranslations("payments.staff");
  const tAll = useTranslations();
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  // Controlled, so a refused refund keeps what was typed (React resets a form after its action).
  const [amount, setAmount] = useState(refundable);
  const [reason, setReason] = useState("");
  const [state, action, pending] = useActionState<ActionResult<{ amount: string; status: string }> | null, FormData>(async (_s, fd) => {
    const r = await refundPaymentAction(fd);
    if (r.ok) {
      setRequestId(crypto.randomUUID());
      setReason("");
    }
    return r;
  }, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="paymentId" value={paymentId} />
      <input type="hidden" name="requestId" value={requestId} />
      <input name="amount" value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" className={input} aria-label={t("refundAmount")} />
      <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t("reason")} aria-label={t("reason")} maxLength={500} className={`${input} w-40`} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("refund")}
      </Button>
      <span className="text-xs text-gray-600">{t("refundable", { amount: refundableLabel })}</span>
      {state && !state.ok && (
        <p role="alert" className="w-full text-xs text-red-700">
          {fieldError(tAll, state, "amount", { max: balanceLabel }) ?? fieldError(tAll, state, "reason") ?? formError(tAll, state, [])}
        </p>
      )}
    </form>
  );
}
