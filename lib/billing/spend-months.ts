import { and, eq, gte, lte } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { invoices } from "@/db/schema";
import { csvField, moneyFields, moneyHeaders } from "@/lib/csv";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { computeInvoiceFigures } from "@/lib/invoices/compute";
import { periodKeyAt, periodOf, shiftPeriod } from "@/lib/invoices/period";
import { formatMoney } from "@/lib/money";
import { type MonthSpend, monthlySpendOf, spendFromCharges } from "./spend";

/** One month of the chart; amounts are already formatted from exact micro-dollars. */
export interface SpendMonth {
  /** "YYYY-MM". */
  key: string;
  label: string;
  inProgress: boolean;
  paid: string;
  discount: string;
  voucher: string;
  total: string;
  /** Whole cents, only to size the bars. */
  paidCents: number;
  discountCents: number;
  voucherCents: number;
  /** The month in progress only: its forecast total, and the forecast's rest of the month in whole cents (the lighter segment on top). */
  forecast?: string;
  forecastCents?: number;
}

/**
 * Where a month's figures come from: its issued invoice; for last month not invoiced yet,
 * the invoice it will get (the same lines, rounded the same way); for the month in
 * progress ("open") and an older month without an invoice, the rollup.
 */
export type SpendSource = "invoice" | "draft" | "open" | "rollup";

/** One month as the chart and the spend export show it. `cashPaid` is "Actual paid", `gross` the total. */
export interface SpendFigures extends MonthSpend {
  source: SpendSource;
  /** The issued invoice's number, for source "invoice". */
  invoiceNumber: string | null;
}

/**
 * The last `months` months up to `now`'s, oldest first. A closed month shows its
 * invoice's own figures (actual paid = the invoice total before its tax, which is no spend on
 * the services; promotions & discounts, vouchers, total spend = its gross), so the chart, the export and the invoice agree to the cent. Last
 * month, until its invoice is issued on the 5th, shows what `computeInvoiceFigures` will
 * issue (direct charges to cash and the rounding line included, which the rollup lacks);
 * an older month without an invoice had nothing to invoice and shows the rollup, as does
 * the month in progress (`exact`: summed from the charges themselves, as the export does).
 * Reads at most `months` invoices and works out at most one month.
 */
export async function spendMonthsOf(db: DbOrTx, accountId: string, months: number, now: Date, opts: { exact?: boolean } = {}): Promise<SpendFigures[]> {
  const base = await (opts.exact ? spendFromCharges : monthlySpendOf)(db, accountId, months, now);
  const current = periodKeyAt(now);
  const last = shiftPeriod(current, -1);
  const issued = await db
    .select({ period: invoices.period, number: invoices.number, gross: invoices.gross, discount: invoices.discount, voucher: invoices.voucher, total: invoices.total, tax: invoices.tax })
    .from(invoices)
    .where(and(eq(invoices.accountId, accountId), gte(invoices.period, base[0]!.month), lte(invoices.period, current)));
  const byPeriod = new Map(issued.map((i) => [i.period, i]));
  return Promise.all(
    base.map(async (m): Promise<SpendFigures> => {
      if (m.month >= current) return { ...m, source: "open", invoiceNumber: null };
      const inv = byPeriod.get(m.month);
      if (inv) return { month: m.month, gross: inv.gross, discount: inv.discount, voucherPaid: inv.voucher, cashPaid: inv.total - inv.tax, source: "invoice", invoiceNumber: inv.number };
      // Older months without an invoice had nothing to invoice (or predate invoicing).
      if (m.month !== last) return { ...m, source: "rollup", invoiceNumber: null };
      const f = await computeInvoiceFigures(db, accountId, periodOf(m.month));
      return { month: m.month, gross: f.gross, discount: f.discount, voucherPaid: f.voucher, cashPaid: f.total, source: "draft", invoiceNumber: null };
    }),
  );
}

/** Whole cents of micro-dollars, only to size chart bars (every figure shown is rounded half-even). */
const barCents = (micros: bigint) => Number(micros / 10_000n);

/**
 * The chart's months, formatted in `locale` as the hover and the table show them. With a
 * forecast (gross, as the bars are), the month in progress gets its forecast total and the
 * rest of the month on top of what was charged so far.
 */
export function spendChartMonths(figures: SpendFigures[], locale: Locale, forecast?: { month: string; gross: bigint; monthToDate: bigint }): SpendMonth[] {
  const money = (v: bigint) => formatMoney(v, locale);
  const monthLabel = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", timeZone: "UTC" });
  return figures.map((m) => ({
    key: m.month,
    label: monthLabel.format(new Date(`${m.month}-01T00:00:00Z`)),
    inProgress: m.source === "open",
    paid: money(m.cashPaid),
    discount: money(m.discount),
    voucher: money(m.voucherPaid),
    total: money(m.gross),
    paidCents: barCents(m.cashPaid),
    discountCents: barCents(m.discount),
    voucherCents: barCents(m.voucherPaid),
    ...(forecast && m.month === forecast.month ? { forecast: money(forecast.gross), forecastCents: barCents(forecast.gross > forecast.monthToDate ? forecast.gross - forecast.monthToDate : 0n) } : {}),
  }));
}

/**
 * The spend export: per month its invoice number (empty until issued), then actual paid,
 * promotions & discounts, vouchers and total spend, each in dollars to the cent (the
 * chart's and the invoice's figure) and in exact micro-dollars.
 */
export function spendCsvLines(figures: SpendFigures[], locale: Locale): string[] {
  const t = translator(locale);
  const head = [
    t("pages.overview.spend.month"),
    t("invoices.number"),
    ...moneyHeaders(t("pages.overview.spend.paid"), locale),
    ...moneyHeaders(t("pages.overview.spend.discount"), locale),
    ...moneyHeaders(t("pages.overview.spend.voucher"), locale),
    ...moneyHeaders(t("pages.overview.spend.total"), locale),
  ];
  return [
    head.map((h) => csvField(h)).join(","),
    ...figures.map((m) => [m.month, csvField(m.invoiceNumber ?? ""), ...[m.cashPaid, m.discount, m.voucherPaid, m.gross].flatMap(moneyFields)].join(",")),
  ];
}
