"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
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
  // Controlled, so a refused card keeps what was typed (React resets a form after its action); cleared once saved.
  const [card, setCard] = useState({ number: "", expiry: "", cvc: "" });
  const [state, action, pending] = useActionState<State, FormData>(async (_s, fd) => {
    const r = await addTestCardAction(fd);
    if (r.ok) setCard({ number: "", expiry: "", cvc: "" });
    return r;
  }, null);
  const bind = (k: keyof typeof card) => ({ value: card[k], onChange: (e: React.ChangeEvent<HTMLInputElement>) => setCard((c) => ({ ...c, [k]: e.target.value })) });
  const err = (f: string) => fieldError(tAll, state, f);
  return (
    <form action={action} className="space-y-4" aria-label={t("addCard")}>
      <input type="hidden" name="accountId" value={accountId} />
      <Field label={t("cardNumber")} name="number" inputMode="numeric" autoComplete="cc-number" placeholder="4242 4242 4242 4242" required {...bind("number")} error={err("number")} />
      <div className="grid grid-cols-2 gap-4">
        <Field label={t("expiry")} name="expiry" autoComplete="cc-exp" placeholder="12/30" required {...bind("expiry")} error={err("expiry")} />
        <Field label={t("cvc")} name="cvc" inputMode="numeric" autoComplete="cc-csc" placeholder="123" required {...bind("cvc")} error={err("cvc")} />
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
