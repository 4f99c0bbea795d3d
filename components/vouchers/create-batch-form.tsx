"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { ConfirmPanel } from "@/components/staff/confirm-panel";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/action";
import { createVoucherBatchAction } from "@/lib/actions/vouchers/create-batch";
import { type MoneyLocale, parseMoney } from "@/lib/money";
import { batchEffect } from "./batch-effect";
import { STAFF_REASON_MAX, STAFF_REASON_MIN, StaffReason } from "@/lib/staff/reason";

type Result = ActionResult<{ batchId: string; count: number }>;

export interface BatchDraft {
  count: string;
  faceValue: string;
  productIds: string[];
  validFrom: string;
  validUntil: string;
  note: string;
  reason: string;
}

const MAX_BATCH = 10_000;

/** What can be checked before the server sees it; the values are message keys, as the server's are. */
function check(d: BatchDraft): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (!/^\d+$/.test(d.count) || Number(d.count) < 1 || Number(d.count) > MAX_BATCH) errors.count = ["count"];
  try {
    parseMoney(d.faceValue);
  } catch {
    errors.faceValue = ["faceValue"];
  }
  const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime());
  if (!isDay(d.validFrom)) errors.validFrom = ["date"];
  if (!isDay(d.validUntil)) errors.validUntil = ["date"];
  else if (isDay(d.validFrom) && d.validUntil < d.validFrom) errors.validUntil = ["validity"];
  if (d.note.length > 200) errors.note = ["note"];
  // The server's own rule (trimmed length, no hidden text-direction characters); its issues are the staff.confirm.errors.* keys.
  const reason = StaffReason.safeParse(d.reason);
  if (!reason.success) errors.reason = [reason.error.issues[0]?.message ?? "staff.confirm.errors.reason"];
  return errors;
}

/** The form's fields as a draft. */
function fromForm(fd: FormData): BatchDraft {
  return {
    count: String(fd.get("count") ?? "").trim(),
    faceValue: String(fd.get("faceValue") ?? "").trim(),
    productIds: fd.getAll("productIds").map(String),
    validFrom: String(fd.get("validFrom") ?? ""),
    validUntil: String(fd.get("validUntil") ?? ""),
    note: String(fd.get("note") ?? "").trim(),
    reason: String(fd.get("reason") ?? "").trim(),
  };
}

/** The confirmation step: what will be issued, before anything is written. */
function BatchConfirm({ draft, products, failed, pending, onEdit, onConfirm }: { draft: BatchDraft; products: { id: string; label: string }[]; failed: Extract<Result, { ok: false }> | null; pending: boolean; onEdit: () => void; onConfirm: () => void }) {
  const t = useTranslations("vouchers.staff");
  const root = useTranslations();
  const locale = useLocale() as MoneyLocale;
  const effect = batchEffect(draft, products, locale);
  return (
    <ConfirmPanel
      testId="voucher-batch"
      title={t("create.confirmTitle")}
      lead={t("create.confirmLead", { count: effect.count })}
      effects={[
        t("create.effectTotal", { count: effect.count, faceValue: effect.faceValue, total: effect.total }),
        t("create.effectValidity", effect.validity),
        effect.products ? t("create.effectProducts", { products: effect.products }) : t("create.effectAllProducts"),
        t("create.effectDownload"),
        ...(draft.note ? [t("create.effectNote", { note: draft.note })] : []),
      ]}
      reason={draft.reason}
      error={failed && !failed.fieldErrors ? root(`errors.${failed.code}`) : null}
      pending={pending}
      onEdit={onEdit}
      onConfirm={onConfirm}
    />
  );
}

/** The products the codes are good for; none checked means every product. */
function ProductsFieldset({ products, checked, error }: { products: { id: string; label: string }[]; checked: string[]; error: string | undefined }) {
  const t = useTranslations("vouchers.staff");
  return (
    <fieldset>
      <legend className="text-sm font-medium text-gray-800">{t("create.products")}</legend>
      <p className="text-xs text-gray-600">{t("create.productsHint")}</p>
      <div className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
        {products.map((p) => (
          <label key={p.id} className="flex items-center gap-2 text-sm text-gray-800">
            <input type="checkbox" name="productIds" value={p.id} defaultChecked={checked.includes(p.id)} className="size-4 rounded border-gray-300 text-blue-700" />
            {p.label}
          </label>
        ))}
      </div>
      {error && <p className="mt-1 text-xs text-red-700">{error}</p>}
    </fieldset>
  );
}

/**
 * Staff: a new batch of codes, in two steps — the form, then a confirmation of what will be
 * issued (count × face value = total, validity, products) before anything is written.
 * Products are checkboxes; none checked means every product. The request id is made when
 * the form is shown and becomes the batch's id, so a double Confirm issues one batch.
 */
export function CreateBatchForm({ products, today }: { products: { id: string; label: string }[]; today: string }) {
  const t = useTranslations("vouchers.staff");
  const root = useTranslations();
  const router = useRouter();
  const empty: BatchDraft = { count: "100", faceValue: "50", productIds: [], validFrom: today, validUntil: "", note: "", reason: "" };
  const [values, setValues] = useState<BatchDraft>(empty);
  const [draft, setDraft] = useState<BatchDraft | null>(null);
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const [localErrors, setLocalErrors] = useState<Record<string, string[]> | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [pending, start] = useTransition();
  const failed = result && !result.ok ? result : null;
  const fieldErrors = localErrors ?? failed?.fieldErrors;
  const err = (field: string) => {
    const key = fieldErrors?.[field]?.[0];
    if (!key) return undefined;
    return key.startsWith("staff.") ? root(key as "staff.confirm.errors.reason") : t(`errors.${key}` as "errors.count");
  };

  function confirm(draft: BatchDraft) {
    start(async () => {
      const r = await createVoucherBatchAction({ ...draft, requestId });
      setResult(r);
      if (r.ok) {
        setDraft(null);
        setValues(empty);
        setRequestId(crypto.randomUUID());
        router.refresh();
      } else if (r.fieldErrors) {
        setDraft(null); // back to the form, where the fields say what is wrong
      }
    });
  }


  if (draft) {
    return <BatchConfirm draft={draft} products={products} failed={failed} pending={pending} onEdit={() => setDraft(null)} onConfirm={() => confirm(draft)} />;
  }

  function review(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const next = fromForm(new FormData(e.currentTarget));
    setValues(next);
    setResult(null);
    const errors = check(next);
    if (Object.keys(errors).length > 0) return setLocalErrors(errors);
    setLocalErrors(null);
    setDraft(next);
  }

  return (
    <form onSubmit={review} className="space-y-4" aria-label={t("create.title")} noValidate>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field label={t("create.count")} name="count" type="number" min={1} max={MAX_BATCH} defaultValue={values.count} required error={err("count")} />
        <Field label={t("create.faceValue")} name="faceValue" inputMode="decimal" defaultValue={values.faceValue} required error={err("faceValue")} />
        <Field label={t("create.validFrom")} name="validFrom" type="date" defaultValue={values.validFrom} required error={err("validFrom")} />
        <Field label={t("create.validUntil")} name="validUntil" type="date" defaultValue={values.validUntil} required hint={t("create.validUntilHint")} error={err("validUntil")} />
      </div>
      <ProductsFieldset products={products} checked={values.productIds} error={err("productIds")} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Field label={t("create.note")} name="note" maxLength={200} defaultValue={values.note} error={err("note")} />
        <Field label={root("staff.confirm.reasonLabel")} name="reason" id="voucher-batch-reason" defaultValue={values.reason} required minLength={STAFF_REASON_MIN} maxLength={STAFF_REASON_MAX} hint={root("staff.confirm.reasonHint")} error={err("reason")} />
      </div>
      {failed && !failed.fieldErrors && <Alert tone="error">{root(`errors.${failed.code}`)}</Alert>}
      {result?.ok && (
        <Alert tone="success">
          {t("create.created", { count: result.data.count })}{" "}
          <Link href={`/staff/vouchers/${result.data.batchId}`} className="font-medium underline">
            {t("create.openBatch")}
          </Link>
        </Alert>
      )}
      <Button type="submit">{root("staff.confirm.review")}</Button>
    </form>
  );
}
