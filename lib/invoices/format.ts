import { isKnownUnit } from "@/lib/billing/usage-units";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { formatMoney } from "@/lib/money";
import { outstandingAmount } from "./status";

/**
 * How an invoice line's figures read, the same on the page, in the PDF and in the CSV:
 * "744 instance-hours × US$0.096", "1,234,567 GB-days", "-US$12.00".
 */

/** A unit price: to the cent (US$1.60, US$38.40), or finer when the product is priced finer, trailing zeros dropped (US$0.0125, not US$0.012500). */
export function formatUnitPrice(micros: bigint, locale: Locale): string {
  // formatMoney's exact form has all six decimals; keep the first two, drop the zeros after them.
  return formatMoney(micros, locale, { exact: true }).replace(/(\.\d\d\d*?)0+(?=\D*$)/, "$1");
}

/** A quantity in its unit's words, grouped in thousands and pluralised: "744 instance-hours", "1 server-day", "1,234,567 GB·天". */
export function formatQuantity(count: number, unitLabel: string, locale: Locale): string {
  const t = translator(locale);
  // Hours and days of a resource started mid-hour are fractions; two decimals are plenty to read.
  const n = Math.round(count * 100) / 100;
  return isKnownUnit(unitLabel) ? t(`usage.units.${unitLabel}`, { count: n }) : t("usage.unitOther", { count: new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n), unit: unitLabel });
}

/** "744 instance-hours × US$0.096": the line's quantity in its unit times its unit price; the quantity alone without a price, "" without a quantity. */
export function formatLineUsage(l: { units: string | null; unitLabel: string | null; unitPrice: bigint | null }, locale: Locale): string {
  if (l.units === null || !l.unitLabel) return "";
  const quantity = formatQuantity(Number(l.units), l.unitLabel, locale);
  return l.unitPrice === null ? quantity : `${quantity} × ${formatUnitPrice(l.unitPrice, locale)}`;
}

/** A reduction (discount, voucher) as it reads on an invoice: negative, "-US$5.00"; nothing taken off reads US$0.00. */
export function formatReduction(micros: bigint, locale: Locale): string {
  return formatMoney(micros === 0n ? 0n : -micros, locale);
}

/** The payment mark an invoice carries: PAID once nothing is outstanding, PARTIALLY PAID once part of the amount due has been paid, else UNPAID. */
export type PaymentMark = "paid" | "unpaid" | "partial";

export function paymentMark(inv: { amountDue: bigint; settled: bigint }): PaymentMark {
  if (outstandingAmount(inv) === 0n) return "paid";
  return inv.settled > 0n ? "partial" : "unpaid";
}
