"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { keepInput } from "@/components/contracts/keep-input";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { savedKey, useSavedState } from "@/components/ui/saved-values";
import type { ActionResult } from "@/lib/actions/action";
import { saveAutoRechargeAction } from "@/lib/actions/payments/auto-recharge";
import { fieldError, formError } from "./messages";

type State = ActionResult<{ enabled: boolean }> | null;

export function AutoRechargeForm(props: { accountId: string; enabled: boolean; amount: string; day: number; suggested: string; suggestedLabel: string; spendLabel: string; limits: { min: string; max: string }; hasPrimary: boolean; unavailable?: boolean }) {
  const t = useTranslations("payments.autoRecharge");
  const tAll = useTranslations();
  const [amount, setAmount] = useSavedState(props.amount);
  const [state, action, pending] = useActionState<State, FormData>((_s, fd) => saveAutoRechargeAction(fd), null);
  return (
    // Keyed by the saved values: the page comes back with them after a save, and the fields show them.
    <form key={savedKey([props.enabled, props.amount, props.day])} action={action} onSubmit={keepInput(action)} className="space-y-5" aria-label={t("title")}>
      <input type="hidden" name="accountId" value={props.accountId} />
      <label className="flex items-center gap-3 text-sm font-medium text-gray-900">
        {/* No card provider on this site: it cannot be switched on (the page says why; the server refuses too). */}
        <input type="checkbox" name="enabled" defaultChecked={props.enabled && !props.unavailable} disabled={props.unavailable} className="size-4" />
        {t("enabled")}
      </label>
      {fieldError(tAll, state, "enabled") && <Alert tone="error">{fieldError(tAll, state, "enabled")}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("amount")} name="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required error={fieldError(tAll, state, "amount", props.limits)} />
        <div>
          <Select label={t("day")} name="dayOfMonth" defaultValue={String(props.day)} error={fieldError(tAll, state, "dayOfMonth")}>
            {Array.from({ length: 28 }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                {i + 1}
              </option>
            ))}
          </Select>
          <p className="mt-1 text-xs text-gray-600">{t("dayHint")}</p>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3 rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-900" data-testid="auto-recharge-suggestion">
        <span>{t("suggestion", { spend: props.spendLabel, suggested: props.suggestedLabel })}</span>
        <button type="button" className="font-semibold underline" onClick={() => setAmount(props.suggested)}>
          {t("useSuggestion", { suggested: props.suggestedLabel })}
        </button>
      </div>
      {!props.hasPrimary && !props.unavailable && <Alert tone="warning">{t("noPrimary")}</Alert>}
      {formError(tAll, state, ["amount", "dayOfMonth", "enabled"]) && <Alert tone="error">{formError(tAll, state, ["amount", "dayOfMonth", "enabled"])}</Alert>}
      {state?.ok && <Alert tone="success">{t("saved")}</Alert>}
      <Button type="submit" disabled={pending}>
        {t("save")}
      </Button>
      <p className="text-xs text-gray-600">{t("retries")}</p>
    </form>
  );
}
