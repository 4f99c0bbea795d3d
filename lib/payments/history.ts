import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { listPaymentHistory, PAYMENT_KINDS, PAYMENT_STATUSES, type PaymentHistoryFilters, type PaymentHistoryRow } from "@/db/queries/payment-history";
import { csvField as field, moneyFields, moneyHeaders } from "@/lib/csv";
import { DaySchema, flattenSearchParams, utcDayRange } from "@/lib/http/query";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { receiptNo } from "./settle";

/** The payments page's and CSV's query string: `?from=2026-01-01&to=2026-01-31&kind=top_up&status=succeeded&cursor=…`. */
const HistoryQuerySchema = z.object({
  from: DaySchema.optional().catch(undefined),
  to: DaySchema.optional().catch(undefined),
  kind: z.enum(PAYMENT_KINDS).optional().catch(undefined),
  status: z.enum(PAYMENT_STATUSES).optional().catch(undefined),
  cursor: z.string().max(80).optional().catch(undefined),
});

/** Filters from the query; a reversed period is reported and ignored rather than showing nothing. */
export function parseHistoryQuery(sp: Record<string, string | string[] | undefined>) {
  const q = HistoryQuerySchema.parse(flattenSearchParams(sp));
  let { from, to } = utcDayRange(q.from, q.to);
  const badPeriod = !!(from && to && from >= to);
  if (badPeriod) from = to = undefined;
  return { query: q, badPeriod, filters: { from, to, kind: q.kind, status: q.status } };
}

/** Only a top-up that credited the balance has a receipt. */
export const hasReceipt = (r: Pick<PaymentHistoryRow, "kind" | "status">): boolean => (r.kind === "top_up" || r.kind === "auto_recharge") && r.status === "succeeded";

type T = ReturnType<typeof translator>;

/** How the row was paid, in words: the saved method's label, or the kind of a bank transfer. */
export function methodText(r: Pick<PaymentHistoryRow, "provider" | "methodKind" | "methodLabel">, t: T): string {
  if (r.provider === "bank_transfer") return t("payments.methods.kinds.bank_transfer");
  return r.methodLabel ?? (r.methodKind ? t(`payments.methods.kinds.${r.methodKind}` as "payments.methods.kinds.card") : "");
}

/** A row's state in words; a bank transfer not yet confirmed is "awaiting transfer", as on its receipt. */
export function statusText(r: Pick<PaymentHistoryRow, "provider" | "status" | "kind">, t: T): string {
  const key = r.provider === "bank_transfer" && r.status === "pending" && r.kind !== "refund" ? "awaiting_transfer" : r.status;
  return t(`payments.statuses.${key}`);
}

/**
 * The filtered history as CSV lines (header first), a page of 500 at a time. Amounts in
 * dollars to the cent and in exact micro-dollars; refunds negative.
 */
export async function* paymentHistoryCsvLines(db: DbOrTx, opts: PaymentHistoryFilters & { locale: Locale }): AsyncGenerator<string> {
  const t = translator(opts.locale);
  const h = (k: string) => t(`payments.history.csv.${k}` as "payments.history.csv.time");
  yield [h("time"), h("kind"), h("status"), h("method"), ...moneyHeaders(h("amount"), opts.locale), h("settled"), h("receipt"), h("paymentId")].map((x) => field(x)).join(",");
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof listPaymentHistory>> = await listPaymentHistory(db, { ...opts, limit: 500, cursor });
    for (const r of page.rows) {
      yield [
        field(r.createdAt.toISOString()),
        field(t(`payments.history.kinds.${r.kind}`)),
        field(statusText(r, t)),
        field(methodText(r, t)),
        ...moneyFields(r.amount),
        field(r.settledAt?.toISOString() ?? ""),
        field(hasReceipt(r) ? receiptNo(r.id) : ""),
        field(r.paymentId),
      ].join(",");
    }
    cursor = page.nextCursor;
  } while (cursor);
}
