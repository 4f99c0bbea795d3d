"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select, TextAreaField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/action";
import { saveContractAction } from "@/lib/actions/contracts/save-contract";
import { keepInput } from "./keep-input";
import { OptionsWithEmpty } from "@/components/ui/input";

export type Kind = "service_agreement" | "order_form" | "credit_agreement";
const KINDS: Kind[] = ["service_agreement", "order_form", "credit_agreement"];
const ROWS = 5;

export interface ContractFormValues {
  contractId?: string;
  kind: Kind;
  locale: "en" | "zh-CN";
  startsOn: string;
  endsOn: string;
  scope: string;
  notes: string;
  committedMonthlySpend: string;
  discountPercent: string;
  creditLimit: string;
  paymentTermsDays: string;
  items: { productId: string; quantity: string }[];
}

/** The contract templates to choose from, as cards with a radio button each. */
function KindPicker({ kinds, kind, setKind, pending }: { kinds: Kind[]; kind: Kind; setKind: (k: Kind) => void; pending: boolean }) {
  const t = useTranslations("contracts");
  return (
    <fieldset className="space-y-2" disabled={pending}>
      <legend className="text-sm font-medium text-gray-800">{t("form.chooseKind")}</legend>
      <div className="grid gap-3 sm:grid-cols-3">
        {kinds.map((k) => (
          <label key={k} className={`flex cursor-pointer flex-col rounded-lg p-3 text-sm ring-1 ${kind === k ? "bg-blue-50 ring-2 ring-blue-700" : "bg-white ring-gray-300"}`}>
            <span className="flex items-center gap-2 font-medium text-gray-900">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="size-4 text-blue-700" />
              {t(`kinds.${k}`)}
            </span>
            <span className="mt-1 text-xs text-gray-600">{t(`kindHints.${k}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** New contract or edit of a draft: the template's fields, validated on the server; errors beside each field. */
export function ContractForm({ accountId, values, products, kindFixed, cancelHref }: { accountId: string; values: ContractFormValues; products: { id: string; name: string }[]; kindFixed: boolean; cancelHref: string }) {
  const t = useTranslations("contracts");
  const tc = useTranslations();
  const [kind, setKind] = useState<Kind>(values.kind);
  // React resets a form after its action; keep what was sent, so a refused form keeps the user's input.
  const [sent, setSent] = useState<Record<string, string> | null>(null);
  const [state, action, pending] = useActionState<ActionResult<unknown> | null, FormData>((_s, fd) => {
    setSent(Object.fromEntries([...fd.entries()].map(([k, v]) => [k, String(v)])));
    return saveContractAction(fd);
  }, null);
  const v = (k: string, initial: string) => sent?.[k] ?? initial;
  const productOptions = products.map((p) => ({ value: p.id, label: p.name }));
  const failed = state && !state.ok ? state : null;
  const err = (k: string) => {
    const key = failed?.fieldErrors?.[k]?.[0];
    return key ? (t.has(`errors.${key}`) ? t(`errors.${key}` as "errors.date") : key) : undefined;
  };
  return (
    <form action={action} onSubmit={keepInput(action)} className="max-w-3xl space-y-5" aria-label={t("form.newTitle")} data-testid="contract-form">
      <input type="hidden" name="accountId" value={accountId} />
      {values.contractId && <input type="hidden" name="contractId" value={values.contractId} />}
      <KindPicker kinds={KINDS.filter((k) => !kindFixed || k === values.kind)} kind={kind} setKind={setKind} pending={pending} />
      <fieldset className="grid gap-4 sm:grid-cols-3" disabled={pending}>
        <Select label={t("form.locale")} name="locale" defaultValue={v("locale", values.locale)}>
          <option value="en">English</option>
          <option value="zh-CN">简体中文</option>
        </Select>
        <Field label={t("form.startsOn")} name="startsOn" type="date" defaultValue={v("startsOn", values.startsOn)} required error={err("startsOn")} />
        <Field label={t("form.endsOn")} name="endsOn" type="date" defaultValue={v("endsOn", values.endsOn)} required error={err("endsOn")} />
      </fieldset>
      {kind === "service_agreement" && (
        <Field label={t("form.scope")} name="scope" defaultValue={v("scope", values.scope)} maxLength={500} error={err("scope")} />
      )}
      {kind === "order_form" && (
        <fieldset className="space-y-3" disabled={pending}>
          {Array.from({ length: ROWS }, (_, i) => (
            <div key={i} className="grid gap-3 sm:grid-cols-[1fr_10rem]">
              <Select label={t("form.product", { n: i + 1 })} name={`productId_${i}`} defaultValue={v(`productId_${i}`, values.items[i]?.productId ?? "")} error={err(`productId_${i}`)}>
                <OptionsWithEmpty empty={t("form.noProduct")} options={productOptions} />
              </Select>
              <Field label={t("form.quantity", { n: i + 1 })} name={`quantity_${i}`} inputMode="numeric" defaultValue={v(`quantity_${i}`, values.items[i]?.quantity ?? "")} error={err(`quantity_${i}`)} />
            </div>
          ))}
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t("form.committedMonthlySpend")} name="committedMonthlySpend" inputMode="decimal" defaultValue={v("committedMonthlySpend", values.committedMonthlySpend)} error={err("committedMonthlySpend")} />
            <Field label={t("form.discountPercent")} name="discountPercent" inputMode="decimal" defaultValue={v("discountPercent", values.discountPercent)} error={err("discountPercent")} />
          </div>
        </fieldset>
      )}
      {kind === "credit_agreement" && (
        <fieldset className="grid gap-4 sm:grid-cols-2" disabled={pending}>
          <Field label={t("form.creditLimit")} name="creditLimit" inputMode="decimal" defaultValue={v("creditLimit", values.creditLimit)} error={err("creditLimit")} />
          <Field label={t("form.paymentTermsDays")} name="paymentTermsDays" inputMode="numeric" defaultValue={v("paymentTermsDays", values.paymentTermsDays)} error={err("paymentTermsDays")} />
        </fieldset>
      )}
      <TextAreaField label={t("form.notes")} name="notes" rows={3} maxLength={2000} defaultValue={v("notes", values.notes)} />
      {failed && <Alert tone="error">{failed.code === "VALIDATION" ? t("form.invalid") : failed.code === "CONFLICT" ? t("errors.conflict") : tc(`errors.${failed.code}`)}</Alert>}
      <div className="flex gap-3">
        <Button type="submit" disabled={pending} data-testid="save-contract">
          {t("form.save")}
        </Button>
        <a href={cancelHref} className="inline-flex items-center rounded-md px-3.5 py-2 text-sm font-semibold text-gray-700 hover:bg-gray-100">
          {t("form.cancel")}
        </a>
      </div>
    </form>
  );
}
