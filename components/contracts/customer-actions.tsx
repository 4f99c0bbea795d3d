"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/action";
import { signContractAction, submitContractAction, withdrawContractAction } from "@/lib/actions/contracts/customer-steps";
import { keepInput } from "./keep-input";

type State = ActionResult<{ status: string }> | null;

function useFailure(state: State) {
  const t = useTranslations("contracts");
  const tc = useTranslations();
  const failed = state && !state.ok ? state : null;
  if (!failed) return null;
  return failed.code === "CONFLICT" ? t("errors.conflict") : failed.code === "VALIDATION" ? t("form.invalid") : tc(`errors.${failed.code}`);
}

/** Submit or withdraw a draft (or a returned contract). */
export function DraftActions({ accountId, contractId }: { accountId: string; contractId: string }) {
  const t = useTranslations("contracts");
  const [submitState, submit, submitting] = useActionState<State, FormData>((_s, fd) => submitContractAction(fd), null);
  const [withdrawState, withdraw, withdrawing] = useActionState<State, FormData>((_s, fd) => withdrawContractAction(fd), null);
  const error = useFailure(submitState ?? withdrawState);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-3">
        <form action={submit}>
          <input type="hidden" name="accountId" value={accountId} />
          <input type="hidden" name="contractId" value={contractId} />
          <Button type="submit" disabled={submitting || withdrawing} data-testid="submit-contract">
            {t("detail.submit")}
          </Button>
        </form>
        <form action={withdraw} onSubmit={(e) => (confirm(t("detail.withdrawConfirm")) ? undefined : e.preventDefault())}>
          <input type="hidden" name="accountId" value={accountId} />
          <input type="hidden" name="contractId" value={contractId} />
          <Button type="submit" variant="secondary" disabled={submitting || withdrawing} data-testid="withdraw-contract">
            {t("detail.withdraw")}
          </Button>
        </form>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
    </div>
  );
}

/** The customer's signature: typed full name, title and the consent box. */
export function SignForm({ accountId, contractId, company, defaultName }: { accountId: string; contractId: string; company: string; defaultName: string }) {
  const t = useTranslations("contracts");
  // React resets a form after its action; keep what was sent, so a refused signature keeps the typed name and title.
  const [sent, setSent] = useState<Record<string, string> | null>(null);
  const [state, action, pending] = useActionState<State, FormData>((_s, fd) => {
    setSent(Object.fromEntries([...fd.entries()].map(([k, v]) => [k, String(v)])));
    return signContractAction(fd);
  }, null);
  const failed = state && !state.ok ? state : null;
  const err = (k: string) => {
    const key = failed?.fieldErrors?.[k]?.[0];
    return key ? (t.has(`errors.${key}`) ? t(`errors.${key}` as "errors.title") : key) : undefined;
  };
  const error = useFailure(state);
  return (
    <form action={action} onSubmit={keepInput(action)} className="space-y-4" aria-label={t("sign.title")} data-testid="sign-form">
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="contractId" value={contractId} />
      <p className="text-sm text-gray-700">{t("sign.intro", { company })}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("sign.fullName")} name="fullName" defaultValue={sent?.fullName ?? defaultName} autoComplete="name" required error={err("fullName")} />
        <Field label={t("sign.jobTitle")} name="title" defaultValue={sent?.title ?? ""} autoComplete="organization-title" required error={err("title")} />
      </div>
      <label className="flex items-start gap-2 text-sm text-gray-800">
        <input type="checkbox" name="consent" defaultChecked={sent?.consent === "on"} className="mt-0.5 size-4 rounded border-gray-300 text-blue-700" aria-invalid={!!err("consent")} />
        <span>{t("sign.consent", { company })}</span>
      </label>
      {err("consent") && <p className="text-xs text-red-700">{err("consent")}</p>}
      <p className="text-xs text-gray-600">{t("sign.recorded")}</p>
      {error && <Alert tone="error">{error}</Alert>}
      <Button type="submit" disabled={pending} data-testid="sign-contract">
        {t("sign.submit")}
      </Button>
    </form>
  );
}
