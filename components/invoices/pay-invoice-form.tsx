"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/action";
import { payInvoiceAction } from "@/lib/actions/invoices/pay-invoice";

type State = ActionResult<{ status: string; message?: string }> | null;

export function PayInvoiceForm({ accountId, invoiceId, amount, methods, requestId }: { accountId: string; invoiceId: string; amount: string; methods: { id: string; label: string }[]; requestId: string }) {
  const t = useTranslations("invoices.pay");
  const tc = useTranslations();
  const [state, action, pending] = useActionState<State, FormData>((_s, fd) => payInvoiceAction(fd), null);
  if (methods.length === 0) return <p className="text-sm text-gray-600">{t("noMethods")}</p>;
  const failed = state && !state.ok ? state : null;
  return (
    <form action={action} className="space-y-3" aria-label={t("title")}>
      <p className="text-sm text-gray-700">{t("body", { amount })}</p>
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <input type="hidden" name="requestId" value={state?.ok ? crypto.randomUUID() : requestId} />
      <Select label={t("method")} name="methodId" defaultValue={methods[0]!.id}>
        {methods.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
          </option>
        ))}
      </Select>
      {failed && <Alert tone="error">{failed.code === "CONFLICT" ? t("alreadyPaid") : failed.code === "VALIDATION" ? t("methodNotFound") : tc(`errors.${failed.code}`)}</Alert>}
      {state?.ok && state.data.status === "succeeded" && <Alert tone="success">{t("succeeded")}</Alert>}
      {state?.ok && state.data.status === "unknown" && <Alert tone="info">{t("pending")}</Alert>}
      {state?.ok && (state.data.status === "declined" || state.data.status === "insufficient_funds") && <Alert tone="error">{t("declined", { message: state.data.message ?? "" })}</Alert>}
      <Button type="submit" disabled={pending} data-testid="pay-invoice">
        {t("submit", { amount })}
      </Button>
    </form>
  );
}
