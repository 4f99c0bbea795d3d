"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { ConfirmPanel } from "@/components/staff/confirm-panel";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/action";
import { postAdjustmentAction, setCreditLimitAction } from "@/lib/actions/staff/money";
import { absMoney, formatMoney, type MoneyLocale, parseMoney } from "@/lib/money";
import { STAFF_REASON_MAX, STAFF_REASON_MIN } from "@/lib/staff/reason";
import type { CreditableInvoiceOption } from "@/components/payments/staff-forms";

type Result = ActionResult<{ status: "posted" | "pending"; approvalId: string | null; before: string; after: string; creditNote?: string | null }>;

export interface MoneyFigures {
  /** Micro-dollars as decimal strings (bigint does not cross into props). */
  balance: string;
  creditLimit: string;
  available: string;
  fourEyesThreshold: string;
  /** The signed-in staff member's own changes of each kind to this account in the last 24 hours (absolute sizes, summed). */
  earlierCreditLimit: string;
  earlierAdjustments: string;
}

interface Draft {
  amount: string;
  direction: "credit" | "debit";
  reason: string;
  /** An adjustment's credit may credit an issued invoice ("" = none): then it is a credit note on it. */
  creditInvoiceId: string;
}

/** The confirmation step: the effect on the figures, and whether a second approver is needed. */
function MoneyConfirm({ kind, testId, accountName, figures, draft, invoice, failed, pending, onConfirm, onEdit }: { kind: "creditLimit" | "adjustment"; testId: string; accountName: string; figures: MoneyFigures; draft: Draft; invoice: CreditableInvoiceOption | null; failed: Extract<Result, { ok: false }> | null; pending: boolean; onConfirm: () => void; onEdit: () => void }) {
  const t = useTranslations("staff.money");
  const te = useTranslations("errors");
  const locale = useLocale() as MoneyLocale;
  const fmt = (v: bigint) => formatMoney(v, locale);
  const balance = BigInt(figures.balance);
  const limit = BigInt(figures.creditLimit);
  const available = BigInt(figures.available);
  const entered = parseMoney(draft.amount, { allowZero: kind === "creditLimit" });
  const delta = kind === "creditLimit" ? entered - limit : draft.direction === "debit" ? -entered : entered;
  // The server decides again when it posts; this says beforehand what it will decide and why.
  const earlier = BigInt(kind === "creditLimit" ? figures.earlierCreditLimit : figures.earlierAdjustments);
  const threshold = BigInt(figures.fourEyesThreshold);
  const total = earlier + absMoney(delta);
  const needsApproval = total > threshold;
  const approvalNote = earlier > 0n ? t("needsApprovalWindow", { earlier: fmt(earlier), total: fmt(total), threshold: fmt(threshold) }) : t("needsApproval", { threshold: fmt(threshold) });
  const lines =
    kind === "creditLimit"
      ? [t("effectCreditLimit", { before: fmt(limit), after: fmt(entered) })]
      : [t("effectBalance", { before: fmt(balance), after: fmt(balance + delta) })];
  if (invoice) lines.unshift(t("effectCreditNote", { amount: fmt(entered), invoice: invoice.number }));
  lines.push(t("effectAvailable", { before: fmt(available), after: fmt(available + delta) }));
  return (
    <ConfirmPanel
      testId={testId}
      title={t("confirmTitle")}
      lead={kind === "creditLimit" ? t("confirmCreditLimit", { account: accountName }) : t(draft.direction === "debit" ? "confirmDebit" : "confirmCredit", { account: accountName, amount: fmt(entered) })}
      effects={lines}
      reason={draft.reason}
      note={needsApproval ? <Alert tone="warning">{approvalNote}</Alert> : t("auditNote")}
      error={failed ? (failed.code === "VALIDATION" ? t("errors.generic") : te(failed.code)) : null}
      pending={pending}
      confirmLabel={needsApproval ? t("requestApproval") : t("confirm")}
      onConfirm={onConfirm}
      onEdit={onEdit}
    />
  );
}

/** The direction (adjustments only) and the amount or new credit limit. */
function AmountFields({ kind, testId, amountField, values, figures, invoices, error, invoiceError }: { kind: "creditLimit" | "adjustment"; testId: string; amountField: string; values: Draft; figures: MoneyFigures; invoices: CreditableInvoiceOption[]; error: string | undefined; invoiceError: string | undefined }) {
  const t = useTranslations("staff.money");
  const locale = useLocale() as MoneyLocale;
  const fmt = (v: bigint) => formatMoney(v, locale);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {kind === "adjustment" && (
        <Select label={t("direction")} name="direction" id={`${testId}-direction`} defaultValue={values.direction}>
          <option value="credit">{t("credit")}</option>
          <option value="debit">{t("debit")}</option>
        </Select>
      )}
      <Field
        label={kind === "creditLimit" ? t("newCreditLimit") : t("amount")}
        name={amountField}
        id={`${testId}-amount`}
        defaultValue={values.amount}
        inputMode="decimal"
        required
        hint={kind === "creditLimit" ? t("creditLimitHint", { current: fmt(BigInt(figures.creditLimit)) }) : t("amountHint")}
        error={error}
      />
      {kind === "adjustment" && invoices.length > 0 && (
        <div className="sm:col-span-2">
          <Select label={t("creditInvoice")} name="creditInvoiceId" id={`${testId}-invoice`} defaultValue={values.creditInvoiceId} hint={t("creditInvoiceHint")} error={invoiceError}>
            <option value="">{t("creditInvoiceNone")}</option>
            {invoices.map((i) => (
              <option key={i.id} value={i.id}>
                {t("creditInvoiceOption", { number: i.number, period: i.period, remaining: fmt(BigInt(i.remaining)) })}
              </option>
            ))}
          </Select>
        </div>
      )}
    </div>
  );
}

/**
 * A credit-limit change or an adjustment in two steps: the form, then a confirmation
 * showing its effect on the figures (before → after) and whether it needs a second
 * approver, before anything is written.
 */
export function MoneyActionForm({ kind, accountId, accountName, figures, invoices = [] }: { kind: "creditLimit" | "adjustment"; accountId: string; accountName: string; figures: MoneyFigures; invoices?: CreditableInvoiceOption[] }) {
  const t = useTranslations("staff.money");
  const tAll = useTranslations();
  const te = useTranslations("errors");
  const locale = useLocale() as MoneyLocale;
  const router = useRouter();
  const empty: Draft = { amount: "", direction: "credit", reason: "", creditInvoiceId: "" };
  const [values, setValues] = useState<Draft>(empty);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const [result, setResult] = useState<Result | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const fmt = (v: bigint) => formatMoney(v, locale);
  const failed = result && !result.ok ? result : null;
  const fieldError = (f: string) => {
    const key = failed?.fieldErrors?.[f]?.[0];
    if (!key) return f === "amount" || f === "creditLimit" ? (localError ?? undefined) : undefined;
    return key.startsWith("staff.money.errors.") ? t(`errors.${key.slice("staff.money.errors.".length)}` as "errors.amount") : tAll(key as "creditNotes.errors.tooLarge");
  };
  const amountField = kind === "creditLimit" ? "creditLimit" : "amount";
  const testId = kind === "creditLimit" ? "credit-limit" : "adjustment";

  function confirm(draft: Draft) {
    startTransition(async () => {
      const input = { accountId, reason: draft.reason, requestId };
      const r = kind === "creditLimit" ? await setCreditLimitAction({ ...input, creditLimit: draft.amount }) : await postAdjustmentAction({ ...input, amount: draft.amount, direction: draft.direction, creditInvoiceId: draft.creditInvoiceId });
      setResult(r);
      setDraft(null);
      if (r.ok) {
        setValues(empty);
        setRequestId(crypto.randomUUID());
        router.refresh();
      }
    });
  }

  if (draft) {
    const invoice = invoices.find((i) => i.id === draft.creditInvoiceId) ?? null;
    return <MoneyConfirm kind={kind} testId={testId} accountName={accountName} figures={figures} draft={draft} invoice={invoice} failed={failed} pending={pending} onConfirm={() => confirm(draft)} onEdit={() => setDraft(null)} />;
  }


  return (
    <form
      className="space-y-4"
      aria-label={t(kind === "creditLimit" ? "creditLimitTitle" : "adjustmentTitle")}
      data-testid={`${testId}-form`}
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        const next: Draft = { amount: String(fd.get(amountField) ?? "").trim(), direction: fd.get("direction") === "debit" ? "debit" : "credit", reason: String(fd.get("reason") ?? "").trim(), creditInvoiceId: String(fd.get("creditInvoiceId") ?? "") };
        setValues(next);
        setResult(null);
        try {
          parseMoney(next.amount, { allowZero: kind === "creditLimit" });
          setLocalError(null);
          setDraft(next);
        } catch {
          setLocalError(t(`errors.${amountField}` as "errors.amount"));
        }
      }}
    >
      <AmountFields kind={kind} testId={testId} amountField={amountField} values={values} figures={figures} invoices={invoices} error={fieldError(amountField)} invoiceError={fieldError("creditInvoiceId")} />
      <Field label={t("reason")} name="reason" id={`${testId}-reason`} defaultValue={values.reason} required minLength={STAFF_REASON_MIN} maxLength={STAFF_REASON_MAX} hint={t("reasonHint")} error={fieldError("reason")} />
      {result?.ok && (
        <Alert tone={result.data.status === "pending" ? "info" : "success"}>
          <span data-testid={`${testId}-result`}>
            {result.data.status === "pending"
              ? t("pendingSaved")
              : result.data.creditNote
                ? t("creditNoteSaved", { number: result.data.creditNote, before: fmt(parseMoney(result.data.before, { allowZero: true, allowNegative: true })), after: fmt(parseMoney(result.data.after, { allowZero: true, allowNegative: true })) })
                : kind === "creditLimit"
                ? t("creditLimitSaved", { before: fmt(parseMoney(result.data.before, { allowZero: true })), after: fmt(parseMoney(result.data.after, { allowZero: true, allowNegative: true })) })
                : t("adjustmentSaved", { before: fmt(parseMoney(result.data.before, { allowZero: true, allowNegative: true })), after: fmt(parseMoney(result.data.after, { allowZero: true, allowNegative: true })) })}
          </span>
        </Alert>
      )}
      {failed && !failed.fieldErrors && <Alert tone="error">{te(failed.code)}</Alert>}
      <Button type="submit">{t("review")}</Button>
    </form>
  );
}
