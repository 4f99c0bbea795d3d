"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { keepInput } from "@/components/contracts/keep-input";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/action";
import { saveBudgetAction } from "@/lib/actions/budgets/save-budget";

type T = ReturnType<typeof useTranslations>;
const MAX = 5;

export interface BudgetFormValues {
  id?: string;
  name: string;
  amount: string;
  scope: "all" | "product" | "tag";
  productId: string;
  tagKey: string;
  tagValue: string;
  thresholds: { percent: string; kind: "actual" | "forecast" }[];
}

/** Our field errors are message keys under budgets.errors; anything else is the generic message. */
function fieldError(t: T, state: ActionResult<unknown> | null, field: string): string | undefined {
  if (!state || state.ok) return undefined;
  const key = state.fieldErrors?.[field]?.[0];
  if (!key) return undefined;
  const tr = t as unknown as { has(k: string): boolean; (k: string): string };
  return key.startsWith("budgets.errors.") && tr.has(key) ? tr(key) : t("errors.VALIDATION");
}

function formError(t: T, state: ActionResult<unknown> | null): string | undefined {
  if (!state || state.ok) return undefined;
  const form = fieldError(t, state, "form");
  if (form) return form;
  if (state.code === "VALIDATION" && state.fieldErrors && Object.keys(state.fieldErrors).length) return undefined;
  return t(`errors.${state.code}` as never);
}

/** Create or edit one budget: name, monthly amount, what it covers, and up to five thresholds. */
export function BudgetForm({ accountId, products, initial, cancelHref }: { accountId: string; products: { id: string; label: string }[]; initial: BudgetFormValues; cancelHref?: string }) {
  const t = useTranslations("budgets.form");
  const tAll = useTranslations();
  const [scope, setScope] = useState(initial.scope);
  const [rows, setRows] = useState(initial.thresholds);
  const [state, action, pending] = useActionState<ActionResult<{ id: string; created: boolean }> | null, FormData>((_s, fd) => saveBudgetAction(fd), null);
  const err = (f: string) => fieldError(tAll, state, f);
  const editing = !!initial.id;
  return (
    <form action={action} onSubmit={keepInput(action)} className="space-y-5" aria-label={editing ? t("editTitle", { name: initial.name }) : t("createTitle")} data-testid="budget-form">
      <input type="hidden" name="accountId" value={accountId} />
      {initial.id && <input type="hidden" name="budgetId" value={initial.id} />}
      <Field label={t("name")} name="name" defaultValue={initial.name} maxLength={80} error={err("name")} />
      <Field label={t("amount")} name="amount" inputMode="decimal" defaultValue={initial.amount} hint={t("amountHint")} error={err("amount")} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold text-gray-900">{t("scope")}</legend>
        <div className="flex flex-wrap gap-4">
          {(["all", "product", "tag"] as const).map((k) => (
            <label key={k} className="flex items-center gap-2 text-sm text-gray-800">
              <input type="radio" name="scope" value={k} checked={scope === k} onChange={() => setScope(k)} className="size-4" />
              {t(k === "all" ? "scopeAll" : k === "product" ? "scopeProduct" : "scopeTag")}
            </label>
          ))}
        </div>
        {scope === "product" && (
          <Select label={t("product")} name="productId" defaultValue={initial.productId} error={err("productId")}>
            <option value="">{t("chooseProduct")}</option>
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </Select>
        )}
        {scope === "tag" && (
          <div className="grid grid-cols-2 gap-3">
            <Field label={t("tagKey")} name="tagKey" defaultValue={initial.tagKey} maxLength={64} error={err("tagKey")} />
            <Field label={t("tagValue")} name="tagValue" defaultValue={initial.tagValue} maxLength={128} error={err("tagValue")} />
          </div>
        )}
        {err("scope") && <p className="text-xs text-red-700">{err("scope")}</p>}
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-gray-900">{t("thresholds")}</legend>
        <p className="text-xs text-gray-600">{t("thresholdsHint", { max: MAX })}</p>
        {rows.map((row, i) => (
          <div key={i} className="flex items-end gap-2" data-testid="threshold-row">
            <div className="w-24 shrink-0">
              <Field
                label={t("percent", { n: i + 1 })}
                name={`threshold_${i}_percent`}
                inputMode="numeric"
                value={row.percent}
                onChange={(e) => setRows((list) => list.map((r, j) => (j === i ? { ...r, percent: e.target.value } : r)))}
                error={err(`threshold_${i}_percent`)}
              />
            </div>
            <div className="min-w-0 flex-1">
              <Select
                label={t("kind", { n: i + 1 })}
                name={`threshold_${i}_kind`}
                value={row.kind}
                onChange={(e) => setRows((list) => list.map((r, j) => (j === i ? { ...r, kind: e.target.value as "actual" | "forecast" } : r)))}
                error={err(`threshold_${i}_kind`)}
              >
                <option value="actual">{t("kindActual")}</option>
                <option value="forecast">{t("kindForecast")}</option>
              </Select>
            </div>
            {rows.length > 1 && (
              <Button type="button" variant="ghost" className="shrink-0" aria-label={t("removeThreshold", { n: i + 1 })} onClick={() => setRows((list) => list.filter((_, j) => j !== i))}>
                ✕
              </Button>
            )}
          </div>
        ))}
        {rows.length < MAX && (
          <Button type="button" variant="secondary" onClick={() => setRows((list) => [...list, { percent: "", kind: "actual" }])}>
            {t("addThreshold")}
          </Button>
        )}
      </fieldset>
      {formError(tAll, state) && <Alert tone="error">{formError(tAll, state)}</Alert>}
      {state?.ok && <Alert tone="success">{state.data.created ? t("created") : t("saved")}</Alert>}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {editing ? t("save") : t("create")}
        </Button>
        {cancelHref && (
          <Link href={cancelHref} className={buttonClass("secondary")}>
            {t("cancel")}
          </Link>
        )}
      </div>
    </form>
  );
}
