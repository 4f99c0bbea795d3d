"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { setDiscountAction } from "@/lib/actions/staff/set-discount";
import { ConfirmPanel } from "@/components/staff/confirm-panel";
import { useConfirmStep } from "@/components/staff/use-confirm-step";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { OptionsWithEmpty } from "@/components/ui/input";
import { type Saved, savedKey, shownValue } from "@/components/ui/saved-values";
import { STAFF_REASON_MAX, STAFF_REASON_MIN } from "@/lib/staff/reason";

export interface DiscountProductOption {
  id: string;
  label: string;
}

/** A scope's saved rate ("" is the account-wide one). */
export interface SavedDiscount {
  rateBps: number;
  reason: string;
}

const percent = (bps: number) => `${(bps / 100).toLocaleString("en-US", { maximumFractionDigits: 2 })}%`;
/** 1250 → "12.5", as the rate field takes it. */
const rateField = (bps: number) => String(bps / 100);

/** Which rate is set: the account-wide one or one product's. */
function ScopeSelect({ products, scope, setScope }: { products: DiscountProductOption[]; scope: string; setScope: (v: string) => void }) {
  const t = useTranslations("staff.discounts");
  return (
    <Select label={t("scope")} name="productId" value={scope} onChange={(e) => setScope(e.target.value)}>
      <OptionsWithEmpty empty={t("allProducts")} options={products.map((p) => ({ value: p.id, label: p.label }))} />
    </Select>
  );
}

/**
 * Set one rate in two steps: the form, then a confirmation that shows the change
 * (from → to, for which products) before anything is written. The form shows the chosen
 * scope's saved rate and reason, so a change of one of them keeps the other.
 */
export function DiscountForm({ accountId, accountName, products, current }: { accountId: string; accountName: string; products: DiscountProductOption[]; current: Record<string, SavedDiscount> }) {
  const t = useTranslations("staff.discounts");
  const te = useTranslations("errors");
  const tc = useTranslations("staff.confirm");
  // The reason's refusals are message keys (too short or long, hidden text-direction characters): shown in the reader's language.
  const reasonError = (key: string | undefined) => (key?.startsWith("staff.confirm.errors.") ? tc(`errors.${key.slice("staff.confirm.errors.".length)}` as "errors.reason") : key);
  type Draft = { productId: string; rate: string; reason: string };
  const { draft, result, failed, pending, review, confirm, edit } = useConfirmStep((d: Draft) => setDiscountAction({ accountId, ...d }));
  const [scope, setScope] = useState("");
  const saved = current[scope];
  const fromSaved: Draft = { productId: scope, rate: saved ? rateField(saved.rateBps) : "", reason: saved?.reason ?? "" };
  // The last draft (to edit it again, or just saved) while the scope's saved rate is the one it started from; then what is saved.
  const [editing, setEditing] = useState<Saved<Draft> | null>(null);
  const values = editing?.value.productId === scope ? shownValue(editing, fromSaved) : fromSaved;
  const scopeLabel = (productId: string) => (productId ? (products.find((p) => p.id === productId)?.label ?? productId) : t("allProducts"));

  if (draft) {
    const before = current[draft.productId]?.rateBps ?? 0;
    const after = Math.round(Number(draft.rate) * 100);
    return (
      <ConfirmPanel
        testId="discount"
        title={t("confirmTitle")}
        lead={accountName}
        note={t("effectNote")}
        effects={[t("effect", { account: accountName, scope: scopeLabel(draft.productId), before: percent(before), after: percent(after) })]}
        reason={draft.reason}
        error={failed ? (failed.code === "VALIDATION" ? failed.message : te(failed.code)) : null}
        pending={pending}
        confirmLabel={t("confirm")}
        // Saved: back to the form on the same scope, what was saved, then the saved rate as the refreshed page has it.
        onConfirm={confirm}
        onEdit={edit}
      />
    );
  }

  return (
    <form
      className="space-y-4"
      aria-label={t("formTitle")}
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        const next = { productId: String(fd.get("productId") ?? ""), rate: String(fd.get("rate") ?? "").trim(), reason: String(fd.get("reason") ?? "").trim() };
        setEditing({ key: savedKey(fromSaved), value: next });
        review(next);
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <ScopeSelect products={products} scope={scope} setScope={setScope} />
        {/* Keyed by the scope and what is saved for it: choosing a scope, or a save, shows its saved rate and reason. */}
        <Field key={savedKey(["rate", values])} label={t("rate")} name="rate" defaultValue={values.rate} inputMode="decimal" required pattern="\d{1,3}(\.\d{1,2})?" hint={t("rateHint")} error={failed?.fieldErrors?.rate?.[0]} />
      </div>
      <Field key={savedKey(["reason", values])} label={t("reason")} name="reason" defaultValue={values.reason} required minLength={STAFF_REASON_MIN} maxLength={STAFF_REASON_MAX} error={reasonError(failed?.fieldErrors?.reason?.[0])} />
      {result?.ok && (
        <Alert tone="success">{t("saved", { scope: scopeLabel(result.data.productId ?? ""), before: percent(result.data.before), after: percent(result.data.after) })}</Alert>
      )}
      {failed && !failed.fieldErrors && <Alert tone="error">{failed.code === "VALIDATION" ? failed.message : te(failed.code)}</Alert>}
      <Button type="submit">{t("review")}</Button>
    </form>
  );
}
