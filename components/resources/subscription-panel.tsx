"use client";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useActionState, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action";
import { cancelSubscriptionChangeAction } from "@/lib/actions/resources/cancel-subscription-change";
import { type ChangePreview, changeSubscriptionAction, previewSubscriptionChangeAction } from "@/lib/actions/resources/change-subscription";
import { setAutoRenewAction } from "@/lib/actions/resources/set-auto-renew";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { formatMoney } from "@/lib/money";
import { fieldMessage } from "@/lib/validation/messages";

export interface SubscriptionPanelProps {
  accountId: string;
  resourceId: string;
  productId: string;
  quantity: string;
  termMonths: 1 | 3 | 6 | 12;
  expiresAt: string;
  autoRenew: boolean;
  /** The products of its family (itself included), labelled in the reader's language. */
  products: { id: string; label: string }[];
  scheduled: { product: string; quantity: string; orderNo: string | null; at: string } | null;
  /** Who may activate and release may change it. */
  canManage: boolean;
}

type Failed = Extract<ActionResult, { ok: false }>;

/**
 * A running subscription's term, auto-renew switch, scheduled downgrade and the Change flow:
 * choose product, quantity or term, see the preview (priced by the server as it will charge),
 * then confirm. Changing a field after a preview drops it, so what is confirmed is what was shown.
 */
export function SubscriptionPanel(p: SubscriptionPanelProps) {
  const t = useTranslations("resources.change");
  const te = useTranslations();
  const locale = useLocale() as "en" | "zh-CN";
  const format = useFormatter();
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const [choice, setChoice] = useState({ productId: p.productId, quantity: p.quantity, termMonths: String(p.termMonths) });
  const [preview, setPreview] = useState<ChangePreview | null>(null);
  const [failed, setFailed] = useState<Failed | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const [busy, start] = useTransition();
  const base = { accountId: p.accountId, resourceId: p.resourceId };
  const run = (fn: () => Promise<void>) => start(async () => { setFailed(null); await fn(); });
  const edit = (k: keyof typeof choice) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setChoice({ ...choice, [k]: e.target.value });
    setPreview(null);
    setDone(null);
  };
  const [, toggle, toggling] = useActionState(async () => {
    const r = await setAutoRenewAction({ ...base, autoRenew: p.autoRenew ? "off" : "on" });
    if (!r.ok) setFailed(r);
    return null;
  }, null);
  const productLabel = (id: string) => p.products.find((x) => x.id === id)?.label ?? id;
  const errorText = (f: Failed) => (f.code === "VALIDATION" && !f.fieldErrors ? f.message : te(`errors.${f.code}`));
  return (
    <div className="space-y-5" data-testid="subscription-panel">
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-xs text-gray-600">{t("term")}</dt>
          <dd className="mt-0.5 text-gray-900">{t("months", { months: p.termMonths })}</dd>
        </div>
        <div>
          <dt className="text-xs text-gray-600">{t("expires")}</dt>
          <dd className="mt-0.5 text-gray-900">{date(p.expiresAt)}</dd>
        </div>
        <div>
          <dt className="text-xs text-gray-600">{t("autoRenew")}</dt>
          <dd className="mt-0.5 flex flex-wrap items-center gap-3 text-gray-900">
            <span data-testid="auto-renew-state">{p.autoRenew ? t("on") : t("off")}</span>
            {p.canManage && (
              <form action={toggle}>
                <Button type="submit" variant="secondary" disabled={toggling}>
                  {p.autoRenew ? t("turnOff") : t("turnOn")}
                </Button>
              </form>
            )}
          </dd>
        </div>
      </dl>
      {p.scheduled && (
        <div className="flex flex-wrap items-center gap-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="scheduled-change">
          <span>{t("scheduled", { date: date(p.scheduled.at), product: p.scheduled.product, quantity: p.scheduled.quantity, orderNo: p.scheduled.orderNo ?? "" })}</span>
          {p.canManage && (
            <Button type="button" variant="secondary" disabled={busy} onClick={() => run(async () => { const r = await cancelSubscriptionChangeAction(base); if (!r.ok) setFailed(r); })}>
              {t("cancelScheduled")}
            </Button>
          )}
        </div>
      )}
      {p.canManage && (
        <section aria-labelledby={`change-${p.resourceId}`} className="space-y-4">
          <h3 id={`change-${p.resourceId}`} className="text-sm font-semibold text-gray-900">
            {t("title")}
          </h3>
          <p className="text-sm text-gray-600">{t("help")}</p>
          <div className="grid gap-4 sm:grid-cols-3">
            <Select label={t("product")} id="change-product" name="productId" value={choice.productId} onChange={edit("productId")}>
              {p.products.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.label}
                </option>
              ))}
            </Select>
            <Field label={t("quantity")} id="change-quantity" name="quantity" type="number" min={1} max={100} value={choice.quantity} onChange={edit("quantity")} error={fieldMessage(te, failed?.fieldErrors?.quantity?.[0])} />
            <Select label={t("term")} id="change-term" name="termMonths" value={choice.termMonths} onChange={edit("termMonths")}>
              {[1, 3, 6, 12].map((m) => (
                <option key={m} value={m}>
                  {t("months", { months: m })}
                </option>
              ))}
            </Select>
          </div>
          {!preview && (
            <Button
              type="button"
              disabled={busy}
              onClick={() =>
                run(async () => {
                  const r = await previewSubscriptionChangeAction({ ...base, ...choice });
                  if (r.ok) setPreview(r.data);
                  else setFailed(r);
                })
              }
            >
              {t("preview")}
            </Button>
          )}
          {preview && (
            <div className="space-y-3 rounded-md bg-gray-50 p-4 text-sm ring-1 ring-gray-200" data-testid="change-preview" aria-live="polite">
              <p className="font-semibold text-gray-900">{t(`kinds.${preview.kind}`, { date: date(preview.effectiveAt) })}</p>
              <p className="text-gray-800">{t("after", { product: productLabel(preview.productId), quantity: preview.quantity, months: preview.termMonths, expiresAt: date(preview.expiresAt) })}</p>
              <p className="text-gray-900" data-testid="change-price">
                {BigInt(preview.net) > 0n ? t("chargeNow", { amount: formatMoney(BigInt(preview.net), locale, { exact: BigInt(preview.net) % 10_000n !== 0n }) }) : t("noCharge")}
              </p>
              <div className="flex flex-wrap gap-3">
                <Button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    run(async () => {
                      const r = await changeSubscriptionAction({ ...base, ...choice, requestId });
                      if (r.ok) {
                        setDone(r.data.orderNo);
                        setPreview(null);
                        setRequestId(crypto.randomUUID());
                      } else setFailed(r);
                    })
                  }
                >
                  {t("confirm")}
                </Button>
                <Button type="button" variant="secondary" onClick={() => setPreview(null)}>
                  {t("back")}
                </Button>
              </div>
            </div>
          )}
        </section>
      )}
      {failed && <Alert tone="error">{errorText(failed)}</Alert>}
      {done && <Alert tone="success">{t("done", { orderNo: done })}</Alert>}
    </div>
  );
}
