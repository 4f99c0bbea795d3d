"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmPanel } from "@/components/staff/confirm-panel";
import { Button } from "@/components/ui/button";
import { confirmWireAction, refundPaymentAction } from "@/lib/actions/payments/staff";
import { formatMoney, type MoneyLocale, parseMoney, toDecimalString } from "@/lib/money";
import { useStaffNotice, useStaffStep } from "./staff-step";
import { STAFF_REASON_MAX } from "@/lib/staff/reason";
import { inputClass } from "@/components/ui/input";

/** An account's figures now, in micro-dollars as decimal strings (bigint does not cross into props). */
export interface AccountFigures {
  balance: string;
  available: string;
}

const input = inputClass("inline");
const label = "block text-xs font-medium text-gray-700";

/** The amount typed, or null when it is not a positive amount in dollars and cents. */
function amountOf(text: string): bigint | null {
  try {
    const v = parseMoney(text);
    return v > 0n && v % 10_000n === 0n ? v : null;
  } catch {
    return null;
  }
}

function useMoney() {
  const locale = useLocale() as MoneyLocale;
  return (v: bigint) => formatMoney(v, locale);
}

/** An issued invoice a refund may credit; `remaining` in micro-dollars as a decimal string. */
export interface CreditableInvoiceOption {
  id: string;
  number: string;
  period: string;
  remaining: string;
}

/** Amount and reason (and, for a refund, the invoice it credits), side by side in a table cell, with their errors below. */
function StepFields({ id, amountLabel, amount, reason, errors, onAmount, onReason, hint, extra }: {
  id: string;
  amountLabel: string;
  amount: string;
  reason: string;
  errors: Record<string, string>;
  onAmount: (e: React.ChangeEvent<HTMLInputElement>) => void;
  onReason: (e: React.ChangeEvent<HTMLInputElement>) => void;
  hint?: string;
  extra?: React.ReactNode;
}) {
  const tc = useTranslations("staff.confirm");
  const shown = [errors.amount ?? errors.received, errors.creditInvoiceId, errors.reason].filter(Boolean);
  return (
    <>
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label className={label} htmlFor={`${id}-amount`}>
            {amountLabel}
          </label>
          <input id={`${id}-amount`} value={amount} onChange={onAmount} inputMode="decimal" className={`${input} w-28`} aria-invalid={!!(errors.amount ?? errors.received)} />
        </div>
        <div>
          <label className={label} htmlFor={`${id}-reason`}>
            {tc("reasonLabel")}
          </label>
          <input id={`${id}-reason`} value={reason} onChange={onReason} maxLength={STAFF_REASON_MAX} className={`${input} w-80`} aria-invalid={!!errors.reason} />
        </div>
        {extra}
        <Button type="submit" variant="secondary">
          {tc("review")}
        </Button>
        {hint && <span className="pb-2 text-xs text-gray-600">{hint}</span>}
      </div>
      {shown.length > 0 && (
        <p role="alert" className="text-xs text-red-700">
          {shown.join(" ")}
        </p>
      )}
    </>
  );
}

/** The confirmation step of either form: the shared panel, fed by the form's draft and state. */
function StepConfirm({ step, ...panel }: { step: { values: { reason: string }; failure: string | null; pending: boolean; confirm: () => void; edit: () => void }; testId: string; title: string; lead: string; effects: string[]; confirmLabel: string; danger?: boolean }) {
  return (
    <div className="max-w-2xl">
      <ConfirmPanel {...panel} reason={step.values.reason.trim()} error={step.failure} pending={step.pending} onConfirm={step.confirm} onEdit={step.edit} />
    </div>
  );
}

export function ConfirmWireForm({ paymentId, accountName, announced, figures }: { paymentId: string; accountName: string; announced: string; figures: AccountFigures }) {
  const t = useTranslations("payments");
  const tAll = useTranslations();
  const money = useMoney();
  const notify = useStaffNotice();
  const announcedAmount = BigInt(announced);
  const step = useStaffStep({
    initial: { received: toDecimalString(announcedAmount), reason: "" },
    check: (v): Record<string, string> => (amountOf(v.received) === null ? { received: tAll("payments.errors.received") } : {}),
    run: (v) => confirmWireAction({ paymentId, received: v.received, reason: v.reason }),
    done: (d) =>
      notify(
        d.alreadyConfirmed
          ? { tone: "info", text: t("staff.wireAlreadyConfirmed", { account: accountName, balance: money(BigInt(d.balance)) }) }
          : { tone: "success", text: t("staff.wireConfirmed", { account: accountName, amount: money(BigInt(d.credited)), balance: money(BigInt(d.balance)) }) },
      ),
  });

  if (step.reviewing) {
    const received = amountOf(step.values.received)!;
    const balance = BigInt(figures.balance);
    const available = BigInt(figures.available);
    const difference = received - announcedAmount;
    const amounts = { received: money(received), announced: money(announcedAmount), difference: money(difference < 0n ? -difference : difference) };
    return (
      <StepConfirm
        step={step}
        testId="wire"
        title={t("staff.wireConfirmTitle")}
        lead={t("staff.wireLead", { account: accountName, amount: money(received) })}
        effects={[
          difference === 0n ? t("staff.effectAsAnnounced", { amount: amounts.received }) : t(difference < 0n ? "staff.effectLess" : "staff.effectMore", amounts),
          t("staff.effectBalance", { before: money(balance), after: money(balance + received) }),
          t("staff.effectAvailable", { before: money(available), after: money(available + received) }),
          t("staff.effectPayment", { before: t("statuses.pending"), after: t("statuses.succeeded") }),
        ]}
        confirmLabel={t("staff.confirm")}
      />
    );
  }
  return (
    <form onSubmit={step.review} className="space-y-1" aria-label={t("staff.confirm")} data-testid="wire-form">
      <StepFields
        id={`wire-${paymentId}`}
        amountLabel={t("staff.received")}
        amount={step.values.received}
        reason={step.values.reason}
        errors={step.errors}
        onAmount={step.set("received")}
        onReason={step.set("reason")}
      />
    </form>
  );
}

/**
 * `left` is what is left of the payment; `max` also respects the balance (a refund never
 * takes the balance below zero). `destination` says where the money goes, in the reader's language.
 */
export function RefundForm({ paymentId, accountName, left, max, destination, figures, invoices }: { paymentId: string; accountName: string; left: string; max: string; destination: string; figures: AccountFigures; invoices: CreditableInvoiceOption[] }) {
  const t = useTranslations("payments");
  const tAll = useTranslations();
  const money = useMoney();
  const notify = useStaffNotice();
  // Made when the form is shown and kept until a refund succeeds: a double Confirm refunds once.
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const balance = BigInt(figures.balance);
  const maxAmount = BigInt(max);
  const vars = { max: money(balance > 0n ? balance : 0n) };
  const invoiceOf = (id: string) => invoices.find((i) => i.id === id) ?? null;
  const step = useStaffStep({
    initial: { amount: toDecimalString(maxAmount), reason: "", creditInvoiceId: "" },
    vars,
    check: (v): Record<string, string> => {
      const amount = amountOf(v.amount);
      if (amount === null) return { amount: tAll("payments.errors.refundAmount") };
      // Crediting an invoice, the note first puts the amount on the balance: the limit is the payment's and the invoice's.
      const invoice = invoiceOf(v.creditInvoiceId);
      if (invoice) return amount > BigInt(left) ? { amount: t("errors.refundTooLarge", vars) } : amount > BigInt(invoice.remaining) ? { amount: tAll("creditNotes.errors.tooLarge") } : {};
      return amount > maxAmount ? { amount: t("errors.refundTooLarge", vars) } : {};
    },
    run: (v) => refundPaymentAction({ paymentId, amount: v.amount, reason: v.reason, requestId, creditInvoiceId: v.creditInvoiceId }),
    done: (d) => {
      setRequestId(crypto.randomUUID());
      step.reset();
      const text = { amount: money(BigInt(d.amount)), account: accountName, destination, balance: money(BigInt(d.balance)) };
      notify(
        d.status === "failed"
          ? { tone: "warning", text: t("staff.refundRefused", text) }
          : { tone: d.status === "succeeded" ? "success" : "info", text: t(d.status === "succeeded" ? "staff.refunded" : "staff.refundProcessing", text) },
      );
    },
  });

  if (step.reviewing) {
    const amount = amountOf(step.values.amount)!;
    const available = BigInt(figures.available);
    const leftAmount = BigInt(left);
    const invoice = invoiceOf(step.values.creditInvoiceId);
    // With a credit note the balance gets the amount back before the refund takes it.
    const taken = invoice ? 0n : amount;
    return (
      <StepConfirm
        step={step}
        testId="refund"
        title={t("staff.refundConfirmTitle")}
        lead={t("staff.refundLead", { account: accountName, amount: money(amount) })}
        effects={[
          ...(invoice ? [t("staff.effectCreditNote", { amount: money(amount), invoice: invoice.number })] : []),
          t("staff.effectBalance", { before: money(balance), after: money(balance - taken) }),
          t("staff.effectAvailable", { before: money(available), after: money(available - taken) }),
          t("staff.effectRefundable", { before: money(leftAmount), after: money(leftAmount - amount) }),
          t("staff.effectDestination", { destination }),
        ]}
        confirmLabel={t("staff.refund")}
        danger
      />
    );
  }
  return (
    <form onSubmit={step.review} className="space-y-1" aria-label={t("staff.refund")} data-testid="refund-form">
      <StepFields
        id={`refund-${paymentId}`}
        amountLabel={t("staff.refundAmount")}
        amount={step.values.amount}
        reason={step.values.reason}
        errors={step.errors}
        onAmount={step.set("amount")}
        onReason={step.set("reason")}
        hint={t("staff.refundable", { amount: money(maxAmount) })}
        extra={
          invoices.length > 0 && (
            <div>
              <label className={label} htmlFor={`refund-${paymentId}-invoice`}>
                {t("staff.creditInvoice")}
              </label>
              <select id={`refund-${paymentId}-invoice`} value={step.values.creditInvoiceId} onChange={step.set("creditInvoiceId")} className={`${input} w-72`} aria-invalid={!!step.errors.creditInvoiceId}>
                <option value="">{t("staff.creditInvoiceNone")}</option>
                {invoices.map((i) => (
                  <option key={i.id} value={i.id}>
                    {t("staff.creditInvoiceOption", { number: i.number, period: i.period, remaining: money(BigInt(i.remaining)) })}
                  </option>
                ))}
              </select>
            </div>
          )
        }
      />
    </form>
  );
}
