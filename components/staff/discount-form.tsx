"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action";
import { setDiscountAction } from "@/lib/actions/staff/set-discount";
import { ConfirmPanel } from "@/components/staff/confirm-panel";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";

export interface DiscountProductOption {
  id: string;
  label: string;
}

type Result = ActionResult<{ productId: string | null; before: number; after: number }>;

const percent = (bps: number) => `${(bps / 100).toLocaleString("en-US", { maximumFractionDigits: 2 })}%`;

/**
 * Set one rate in two steps: the form, then a confirmation that shows the change
 * (from → to, for which products) before anything is written.
 */
export function DiscountForm({ accountId, accountName, products, current }: { accountId: string; accountName: string; products: DiscountProductOption[]; current: Record<string, number> }) {
  const t = useTranslations("staff.discounts");
  const te = useTranslations("errors");
  const router = useRouter();
  const empty = { productId: "", rate: "", reason: "" };
  const [draft, setDraft] = useState<typeof empty | null>(null);
  // What the form shows: the last draft when going back to edit it, empty after a change is saved.
  const [values, setValues] = useState(empty);
  const [result, setResult] = useState<Result | null>(null);
  const [pending, startTransition] = useTransition();
  const scopeLabel = (productId: string) => (productId ? (products.find((p) => p.id === productId)?.label ?? productId) : t("allProducts"));
  const failed = result && !result.ok ? result : null;

  if (draft) {
    const before = current[draft.productId] ?? 0;
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
        onConfirm={() =>
          startTransition(async () => {
            const r = await setDiscountAction({ accountId, ...draft });
            setResult(r);
            if (r.ok) {
              setDraft(null);
              setValues(empty);
              router.refresh();
            }
          })
        }
        onEdit={() => setDraft(null)}
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
        setResult(null);
        const next = { productId: String(fd.get("productId") ?? ""), rate: String(fd.get("rate") ?? "").trim(), reason: String(fd.get("reason") ?? "").trim() };
        setValues(next);
        setDraft(next);
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Select label={t("scope")} name="productId" defaultValue={values.productId}>
          <option value="">{t("allProducts")}</option>
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </Select>
        <Field label={t("rate")} name="rate" defaultValue={values.rate} inputMode="decimal" required pattern="\d{1,3}(\.\d{1,2})?" hint={t("rateHint")} error={failed?.fieldErrors?.rate?.[0]} />
      </div>
      <Field label={t("reason")} name="reason" defaultValue={values.reason} required minLength={3} maxLength={500} error={failed?.fieldErrors?.reason?.[0]} />
      {result?.ok && (
        <Alert tone="success">{t("saved", { scope: scopeLabel(result.data.productId ?? ""), before: percent(result.data.before), after: percent(result.data.after) })}</Alert>
      )}
      {failed && !failed.fieldErrors && <Alert tone="error">{failed.code === "VALIDATION" ? failed.message : te(failed.code)}</Alert>}
      <Button type="submit">{t("review")}</Button>
    </form>
  );
}
