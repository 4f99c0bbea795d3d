"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useActionState, useRef, useState } from "react";
import { purchaseSubscriptionAction } from "@/lib/actions/resources/purchase-subscription";
import type { ActionResult } from "@/lib/actions/action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { fieldMessage } from "@/lib/validation/messages";
import { keptSubmit } from "./kept-form";
import { TagField } from "./tag-field";

export interface SubscriptionOption {
  id: string;
  label: string;
  /** Discount per term in basis points. */
  terms: { months: 1 | 3 | 6 | 12; bps: number }[];
}

type State = ActionResult<{ name: string; until: string; net: string }> | null;

export function SubscribeForm({ accountId, products, requestId }: { accountId: string; products: SubscriptionOption[]; requestId: string }) {
  const t = useTranslations();
  const format = useFormatter();
  const [tags, setTags] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const [state, action, pending] = useActionState<State, FormData>(async (_s, fd) => {
    const result = await purchaseSubscriptionAction(fd);
    // Cleared after a success only: a refused submit keeps what was chosen and typed.
    if (result.ok) {
      formRef.current?.reset();
      setTags("");
    }
    return result;
  }, null);
  const failed = state && !state.ok ? state : null;
  const terms = products[0]?.terms ?? [];
  return (
    <form ref={formRef} onSubmit={keptSubmit(action)} className="space-y-4" aria-label={t("resources.subscribeTitle")}>
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="requestId" value={state?.ok ? crypto.randomUUID() : requestId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Select label={t("resources.product")} id="sub-product" name="productId">
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </Select>
        <Select label={t("resources.term")} id="sub-term" name="termMonths" defaultValue="12">
          {terms.map((term) => (
            <option key={term.months} value={term.months}>
              {t("resources.termOption", { months: term.months, discount: term.bps ? `${term.bps / 100}%` : "none" })}
            </option>
          ))}
        </Select>
        <Field label={t("resources.quantity")} id="sub-quantity" name="quantity" type="number" min={1} max={100} defaultValue={1} required error={fieldMessage(t, failed?.fieldErrors?.quantity?.[0])} />
        <Field label={t("resources.name")} id="sub-name" name="name" maxLength={120} error={fieldMessage(t, failed?.fieldErrors?.name?.[0])} />
        <div className="sm:col-span-2">
          <TagField id="sub-tags" value={tags} onChange={setTags} errors={failed?.fieldErrors?.tags} />
        </div>
      </div>
      <label className="flex items-center gap-2 text-sm text-gray-800">
        <input type="checkbox" name="autoRenew" defaultChecked className="size-4 rounded border-gray-300 text-blue-700 focus:ring-blue-700" />
        {t("resources.autoRenew")}
      </label>
      {failed && <Alert tone="error">{failed.code === "INSUFFICIENT_FUNDS" ? t("resources.insufficient") : failed.code === "VALIDATION" ? (failed.fieldErrors ? t("errors.VALIDATION") : failed.message) : t(`errors.${failed.code}`)}</Alert>}
      {state?.ok && <Alert tone="success">{t("resources.subscribed", { name: state.data.name, until: format.dateTime(new Date(state.data.until), { dateStyle: "medium", timeZone: "UTC" }) })}</Alert>}
      <Button type="submit" disabled={pending || products.length === 0}>
        {t("resources.subscribe")}
      </Button>
    </form>
  );
}
