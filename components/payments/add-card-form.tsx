"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/action";
import { addTestCardAction } from "@/lib/actions/payments/methods";
import { fieldError, formError } from "./messages";

type State = ActionResult<{ label: string }> | null;

/** The built-in test provider's card form. The number goes to the provider and only its token, brand and last four are kept. */
export function AddCardForm({ accountId }: { accountId: string }) {
  const t = useTranslations("payments.methods");
  const tAll = useTranslations();
  const [state, action, pending] = useActionState<State, FormData>((_s, fd) => addTestCardAction(fd), null);
  const err = (f: string) => fieldError(tAll, state, f);
  return (
    <form action={action} className="space-y-4" aria-label={t("addCard")}>
      <input type="hidden" name="accountId" value={accountId} />
      <Field label={t("cardNumber")} name="number" inputMode="numeric" autoComplete="cc-number" placeholder="4242 4242 4242 4242" required error={err("number")} />
      <div className="grid grid-cols-2 gap-4">
        <Field label={t("expiry")} name="expiry" autoComplete="cc-exp" placeholder="12/30" required error={err("expiry")} />
        <Field label={t("cvc")} name="cvc" inputMode="numeric" autoComplete="cc-csc" placeholder="123" required error={err("cvc")} />
      </div>
      {formError(tAll, state, ["number", "expiry", "cvc"]) && <Alert tone="error">{formError(tAll, state, ["number", "expiry", "cvc"])}</Alert>}
      {state?.ok && <Alert tone="success">{t("cardSaved", { label: state.data.label })}</Alert>}
      <Button type="submit" disabled={pending}>
        {t("saveCard")}
      </Button>
      <p className="text-xs leading-relaxed text-gray-600" data-testid="test-cards">
        {t("testCards")}
      </p>
      <p className="text-xs text-gray-600">{t("noCardData")}</p>
    </form>
  );
}
