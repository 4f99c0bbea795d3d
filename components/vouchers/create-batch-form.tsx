"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/action";
import { createVoucherBatchAction } from "@/lib/actions/vouchers/create-batch";

type Result = ActionResult<{ batchId: string; count: number }>;

/** Staff: a new batch of codes. Products are checkboxes; none checked means every product. */
export function CreateBatchForm({ products, today }: { products: { id: string; label: string }[]; today: string }) {
  const t = useTranslations("vouchers.staff");
  const root = useTranslations();
  const [result, setResult] = useState<Result | null>(null);
  const [pending, start] = useTransition();
  const failed = result && !result.ok ? result : null;
  const err = (field: string) => {
    const key = failed?.fieldErrors?.[field]?.[0];
    return key ? t(`errors.${key}` as "errors.count") : undefined;
  };

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const input = {
      count: String(fd.get("count") ?? ""),
      faceValue: String(fd.get("faceValue") ?? ""),
      productIds: fd.getAll("productIds").map(String),
      validFrom: String(fd.get("validFrom") ?? ""),
      validUntil: String(fd.get("validUntil") ?? ""),
      note: String(fd.get("note") ?? ""),
    };
    start(async () => setResult(await createVoucherBatchAction(input)));
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-label={t("create.title")}>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field label={t("create.count")} name="count" type="number" min={1} max={10000} defaultValue="100" required error={err("count")} />
        <Field label={t("create.faceValue")} name="faceValue" inputMode="decimal" defaultValue="50" required error={err("faceValue")} />
        <Field label={t("create.validFrom")} name="validFrom" type="date" defaultValue={today} required error={err("validFrom")} />
        <Field label={t("create.validUntil")} name="validUntil" type="date" required hint={t("create.validUntilHint")} error={err("validUntil")} />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-gray-800">{t("create.products")}</legend>
        <p className="text-xs text-gray-600">{t("create.productsHint")}</p>
        <div className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
          {products.map((p) => (
            <label key={p.id} className="flex items-center gap-2 text-sm text-gray-800">
              <input type="checkbox" name="productIds" value={p.id} className="size-4 rounded border-gray-300 text-blue-700" />
              {p.label}
            </label>
          ))}
        </div>
        {err("productIds") && <p className="mt-1 text-xs text-red-700">{err("productIds")}</p>}
      </fieldset>
      <Field label={t("create.note")} name="note" maxLength={200} error={err("note")} />
      {failed && !failed.fieldErrors && <Alert tone="error">{root(`errors.${failed.code}`)}</Alert>}
      {result?.ok && (
        <Alert tone="success">
          {t("create.created", { count: result.data.count })}{" "}
          <Link href={`/staff/vouchers/${result.data.batchId}`} className="font-medium underline">
            {t("create.openBatch")}
          </Link>
        </Alert>
      )}
      <Button type="submit" disabled={pending}>
        {t("create.submit")}
      </Button>
    </form>
  );
}
