"use client";
import { useLocale, useTranslations } from "next-intl";
import { useActionState, useMemo, useRef, useState } from "react";
import { activateResourceAction } from "@/lib/actions/resources/activate-resource";
import type { ActionResult } from "@/lib/actions/action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { formatMoney, type MoneyLocale } from "@/lib/money";
import { fieldMessage } from "@/lib/validation/messages";
import { keptSubmit } from "./kept-form";
import { TagField } from "./tag-field";

export interface ProductOption {
  id: string;
  label: string;
  /** Price of one increment for one unit, already formatted, and the raw micro-dollars as a string. */
  price: string;
  unitPriceMicros: string;
  unit: "hour" | "day";
  metered: boolean;
}

type State = ActionResult<{ name: string; hold: string; orderNo: string }> | null;

export function ActivateForm({ accountId, products, requestId }: { accountId: string; products: ProductOption[]; requestId: string }) {
  const t = useTranslations();
  const locale = useLocale() as MoneyLocale;
  const money = (micros: string) => formatMoney(BigInt(micros), locale);
  const [productId, setProductId] = useState(products[0]?.id ?? "");
  const [quantity, setQuantity] = useState("1");
  const [tags, setTags] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const [state, action, pending] = useActionState<State, FormData>(async (_s, fd) => {
    const result = await activateResourceAction(fd);
    // Cleared after a success only: a refused submit keeps what was typed. The preview follows the reset.
    if (result.ok) {
      formRef.current?.reset();
      setProductId(products[0]?.id ?? "");
      setQuantity("1");
      setTags("");
    }
    return result;
  }, null);
  const product = products.find((p) => p.id === productId);
  // The hold preview is computed in integers; the server recomputes it anyway.
  const holdKey = useMemo(() => {
    const q = /^\d{1,4}$/.test(quantity) ? BigInt(quantity) : 1n;
    return product ? (BigInt(product.unitPriceMicros) * (product.metered ? 1n : q)).toString() : "0";
  }, [product, quantity]);
  const failed = state && !state.ok ? state : null;
  return (
    <form ref={formRef} onSubmit={keptSubmit(action)} className="space-y-4" aria-label={t("resources.activateTitle")}>
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="requestId" value={state?.ok ? crypto.randomUUID() : requestId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Select label={t("resources.product")} name="productId" value={productId} onChange={(e) => setProductId(e.target.value)}>
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label} — {t("resources.pricePer", { price: p.price, unit: t(`resources.units.${p.unit}`) })}
            </option>
          ))}
        </Select>
        <Field label={t("resources.quantity")} name="quantity" type="number" min={1} max={1000} value={quantity} onChange={(e) => setQuantity(e.target.value)} required error={fieldMessage(t, failed?.fieldErrors?.quantity?.[0])} />
        <Field label={t("resources.name")} name="name" maxLength={120} error={fieldMessage(t, failed?.fieldErrors?.name?.[0])} />
        <Field label={t("resources.promotionCode")} name="promotionCode" maxLength={40} />
        <div className="sm:col-span-2">
          <TagField id="f-tags" value={tags} onChange={setTags} errors={failed?.fieldErrors?.tags} />
        </div>
      </div>
      <p className="text-sm text-gray-700" data-testid="hold-preview">
        {t("resources.holdPreview", { amount: money(holdKey) })}
      </p>
      {failed && <Alert tone="error">{failed.code === "INSUFFICIENT_FUNDS" ? t("resources.insufficient") : failed.code === "VALIDATION" ? (failed.fieldErrors ? t("errors.VALIDATION") : failed.message) : t(`errors.${failed.code}`)}</Alert>}
      {state?.ok && <Alert tone="success">{t("resources.activated", { name: state.data.name, hold: money(state.data.hold) })}</Alert>}
      <Button type="submit" disabled={pending || !product}>
        {t("resources.activate")}
      </Button>
    </form>
  );
}
