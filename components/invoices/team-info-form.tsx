"use client";
import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { keepInput } from "@/components/contracts/keep-input";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { savedKey } from "@/components/ui/saved-values";
import type { ActionResult } from "@/lib/actions/action";
import { saveBillingProfileAction } from "@/lib/actions/invoices/save-billing-profile";

export interface TeamInfoValues {
  companyName: string;
  address: string;
  country: string;
  taxId: string;
  billingEmail: string;
  invoiceLocale: "en" | "zh-CN";
  invoicesByEmail: boolean;
}

type FieldName = "companyName" | "address" | "country" | "taxId" | "billingEmail";

export function TeamInfoForm({ accountId, values, canEdit }: { accountId: string; values: TeamInfoValues; canEdit: boolean }) {
  const t = useTranslations("invoices.profile");
  const tc = useTranslations();
  const locale = useLocale();
  const [state, action, pending] = useActionState<ActionResult<unknown> | null, FormData>((_s, fd) => saveBillingProfileAction(fd), null);
  const failed = state && !state.ok ? state : null;
  // Hidden text-direction characters have their own message; any other refusal, the field's rule.
  const err = (k: FieldName) => {
    const first = failed?.fieldErrors?.[k]?.[0];
    if (first === "validation.plainText") return tc("validation.plainText");
    // "taxIdFormat:<code>:<formats>": the tax ID does not have its country's format.
    if (first?.startsWith("taxIdFormat:")) {
      const [, code = "", expected = ""] = first.split(":");
      return t("errors.taxIdFormat", { country: regionName(code, locale), expected });
    }
    return failed?.fieldErrors?.[k]?.length ? t(`errors.${k}`) : undefined;
  };
  return (
    // Keyed by the saved values: the page comes back with them after a save, and the fields show them.
    <form key={savedKey(values)} action={action} onSubmit={keepInput(action)} className="max-w-2xl space-y-4" aria-label={t("title")}>
      <input type="hidden" name="accountId" value={accountId} />
      <fieldset disabled={!canEdit || pending} className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("companyName")} name="companyName" defaultValue={values.companyName} maxLength={200} required error={err("companyName")} />
          <Field label={t("taxId")} name="taxId" defaultValue={values.taxId} maxLength={64} error={err("taxId")} />
          <div className="sm:col-span-2">
            <Field label={t("address")} name="address" defaultValue={values.address} maxLength={500} error={err("address")} />
          </div>
          <Field label={t("country")} name="country" defaultValue={values.country} maxLength={100} hint={t("countryHint")} error={err("country")} />
          <Field label={t("billingEmail")} name="billingEmail" type="email" defaultValue={values.billingEmail} hint={t("billingEmailHint")} error={err("billingEmail")} />
          <Select label={t("invoiceLocale")} name="invoiceLocale" defaultValue={values.invoiceLocale} hint={t("invoiceLocaleHint")}>
            <option value="en">English</option>
            <option value="zh-CN">简体中文</option>
          </Select>
        </div>
        <label className="flex items-center gap-2 text-sm text-gray-800">
          <input type="checkbox" name="invoicesByEmail" defaultChecked={values.invoicesByEmail} className="size-4 rounded border-gray-300 text-blue-700" />
          {t("invoicesByEmail")}
        </label>
      </fieldset>
      {failed && <Alert tone="error">{tc(`errors.${failed.code}`)}</Alert>}
      {state?.ok && <Alert tone="success">{t("saved")}</Alert>}
      {canEdit ? (
        <Button type="submit" disabled={pending}>
          {t("save")}
        </Button>
      ) : (
        <p className="text-sm text-gray-600">{t("readOnly")}</p>
      )}
    </form>
  );
}

function regionName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}
