import type { invoiceLines } from "@/db/schema";
import type { InvoiceRow } from "./read";
import { platformTimeZone, toWall } from "@/lib/billing/time";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { formatMoney } from "@/lib/money";
import { type SellerView, sellerView } from "@/lib/seller-view";
import { formatRate } from "@/lib/tax/rules";
import { formatLineUsage, formatReduction, formatUnitPrice, type PaymentMark, paymentMark } from "./format";
import { PAYMENT_TERM_DAYS } from "./period";
import { type InvoiceStatus, outstandingAmount } from "./status";

/**
 * Everything an invoice shows, already formatted in one language: the PDF document, the
 * detail page and the CSV all read this, so they always agree.
 */
export interface InvoiceViewModel {
  locale: Locale;
  id: string;
  number: string;
  period: string;
  periodRange: string;
  issued: string;
  due: string;
  status: InvoiceStatus;
  statusLabel: string;
  /** PAID / UNPAID / PARTIALLY PAID, true on `markAsOf` (the issue date for the stored PDF, the download's day for a later render). */
  mark: PaymentMark;
  markLabel: string;
  markAsOf: string;
  /** "Net 14: payable within 14 days of the issue date". */
  terms: string;
  accountId: string;
  seller: SellerView;
  /** The tax rule's note (a reverse charge's wording), "" when none. */
  taxNote: string;
  billedTo: { companyName: string; address: string; country: string; taxId: string; billingEmail: string };
  lines: InvoiceLineView[];
  summary: { key: string; label: string; value: string; strong?: boolean }[];
  payments: { date: string; method: string; amount: string }[];
  totals: { gross: string; discount: string; voucher: string; tax: string; total: string; amountDue: string; outstanding: string };
  labels: Record<string, string>;
}

export interface InvoiceLineView {
  position: number;
  kind: string;
  orderNo: string;
  item: string;
  resourceId: string;
  location: string;
  mode: string;
  /** When what the line charges began and ended, both inside the period; `end` is "" for a charge at one moment (a term bought, another charge). */
  start: string;
  end: string;
  /** "744 instance-hours × US$0.096". */
  usage: string;
  unitPrice: string;
  gross: string;
  discount: string;
  voucher: string;
  net: string;
}

type Line = typeof invoiceLines.$inferSelect;

export function formatWallTime(t: Date, withTime = true): string {
  const w = toWall(t);
  const p = (n: number) => String(n).padStart(2, "0");
  const day = `${w.year}-${p(w.month)}-${p(w.day)}`;
  return withTime ? `${day} ${p(w.hour)}:${p(w.minute)}` : day;
}

/** The end of a span as a reader counts it: a span that ends at midnight ends at 24:00 of the day before, so a month's last hour reads 2026-10-31 24:00, not 2026-11-01. */
export function formatWallEnd(t: Date): string {
  const w = toWall(t);
  return w.hour === 0 && w.minute === 0 ? `${formatWallTime(new Date(t.getTime() - 1), false)} 24:00` : formatWallTime(t);
}

/**
 * `asOf`: the moment the payment mark is true at (the issue for the stored PDF, now for a
 * page or a later render); the invoice's status and settled amount must be as of then.
 */
export function buildInvoiceViewModel(data: { invoice: InvoiceRow; lines: Line[] }, locale: Locale, opts: { asOf?: Date } = {}): InvoiceViewModel {
  const t = translator(locale);
  const { invoice: inv, lines } = data;
  const money = (v: bigint) => formatMoney(v, locale);
  const mark = paymentMark(inv);
  const lastDay = new Date(inv.periodEnd.getTime() - 1);
  const outstanding = outstandingAmount(inv);
  const tz = platformTimeZone();
  const rule = inv.taxRule;
  // A reverse charge has no rate to print: its name alone ("VAT reverse charge"), with its note.
  const taxName = !rule ? "" : rule.reverseCharge ? rule.name[locale] : t("invoices.sum.tax", { name: rule.name[locale], rate: formatRate(inv.taxRateBps, locale) });
  // The tax is its own line after the invoice's lines: once on the whole taxable amount, never per line.
  const taxLine: InvoiceLineView[] = rule
    ? [{
        position: lines.length + 1, kind: "tax", orderNo: "", item: t("invoices.taxLine", { name: taxName, amount: money(inv.total - inv.tax) }), resourceId: "", location: "", mode: "", start: "", end: "",
        usage: "", unitPrice: "", gross: money(inv.tax), discount: money(0n), voucher: money(0n), net: money(inv.tax),
      }]
    : [];
  const summary: InvoiceViewModel["summary"] = [
    { key: "gross", label: t("invoices.sum.gross"), value: money(inv.gross) },
    { key: "discount", label: t("invoices.sum.discount"), value: money(-inv.discount) },
    { key: "voucher", label: t("invoices.sum.voucher"), value: money(-inv.voucher) },
    ...(inv.rounding !== 0n ? [{ key: "rounding", label: t("invoices.sum.rounding"), value: money(inv.rounding) }] : []),
    ...(taxName ? [{ key: "tax", label: taxName, value: money(inv.tax) }] : []),
    { key: "total", label: t("invoices.sum.total"), value: money(inv.total), strong: true },
    { key: "paidFromBalance", label: t("invoices.sum.paidFromBalance"), value: money(inv.paidFromBalance) },
    { key: "onCredit", label: t("invoices.sum.onCredit"), value: money(inv.amountDue) },
    ...(inv.settled > 0n ? [{ key: "settled", label: t("invoices.sum.settled"), value: money(-inv.settled) }] : []),
    { key: "amountDue", label: t("invoices.sum.amountDue"), value: money(outstanding), strong: true },
  ];
  const seller = sellerView(inv.seller, t("common.appName"), { taxId: t("invoices.taxId"), bank: t("invoices.bank") });
  return {
    locale,
    id: inv.id,
    number: inv.number,
    period: inv.period,
    periodRange: `${formatWallTime(inv.periodStart, false)} – ${formatWallTime(lastDay, false)}${tz === "UTC" ? " (UTC)" : ` (${tz})`}`,
    issued: formatWallTime(inv.issuedAt, false),
    due: formatWallTime(inv.dueAt, false),
    status: inv.status,
    statusLabel: t(`invoices.statuses.${inv.status}`),
    mark,
    markLabel: t(`invoices.marks.${mark}`),
    markAsOf: t("invoices.markAsOf", { date: formatWallTime(opts.asOf ?? inv.issuedAt, false) }),
    terms: t("invoices.termsText", { days: PAYMENT_TERM_DAYS }),
    accountId: inv.accountId,
    seller,
    taxNote: rule?.note?.[locale] ?? "",
    billedTo: {
      companyName: inv.profile.companyName,
      address: inv.profile.address,
      country: inv.profile.country,
      taxId: inv.profile.taxId,
      billingEmail: inv.profile.billingEmail ?? "",
    },
    lines: lines.map((l) => ({
      position: l.position,
      kind: l.kind,
      orderNo: l.orderNo ?? "",
      item: l.kind === "rounding" ? t("invoices.rounding") : locale === "zh-CN" ? l.itemZh : l.itemEn,
      resourceId: l.resourceId ?? "",
      location: [l.region, l.dataCenter].filter(Boolean).join(" / "),
      mode: l.billingMode && ["payg_hourly", "payg_daily", "subscription"].includes(l.billingMode) ? t(`invoices.modes.${l.billingMode as "payg_hourly"}`) : "",
      start: l.startedAt ? formatWallTime(l.startedAt) : "",
      end: l.endedAt && l.startedAt && l.endedAt.getTime() !== l.startedAt.getTime() ? formatWallEnd(l.endedAt) : "",
      usage: formatLineUsage(l, locale),
      unitPrice: l.unitPrice === null ? "" : formatUnitPrice(l.unitPrice, locale),
      gross: money(l.gross),
      discount: formatReduction(l.discount, locale),
      voucher: formatReduction(l.voucher, locale),
      net: money(l.net),
    })).concat(taxLine),
    summary,
    payments: inv.payments.map((p) => ({ date: formatWallTime(new Date(p.at)), method: p.method, amount: money(BigInt(p.amount)) })),
    totals: { gross: money(inv.gross), discount: formatReduction(inv.discount, locale), voucher: formatReduction(inv.voucher, locale), tax: money(inv.tax), total: money(inv.total), amountDue: money(inv.amountDue), outstanding: money(outstanding) },
    labels: {
      invoice: t("invoices.invoice"), number: t("invoices.number"), period: t("invoices.period"), issued: t("invoices.issued"), due: t("invoices.due"), status: t("invoices.status"),
      billedTo: t("invoices.billedTo"), issuer: t("invoices.issuer"), taxId: t("invoices.taxId"), accountId: t("invoices.accountId"), lines: t("invoices.lines"), summary: t("invoices.summary"),
      orderNo: t("invoices.col.orderNo"), item: t("invoices.col.item"), location: t("invoices.col.location"), mode: t("invoices.col.mode"), start: t("invoices.col.start"),
      usage: t("invoices.col.usage"), unitPrice: t("invoices.col.unitPrice"), gross: t("invoices.col.gross"), discount: t("invoices.col.discount"), voucher: t("invoices.col.voucher"),
      net: t("invoices.col.net"), noLines: t("invoices.noLines"), payments: t("invoices.payments"), paymentsEmpty: t("invoices.paymentsEmpty"), paymentDate: t("invoices.paymentDate"),
      paymentMethod: t("invoices.paymentMethod"), paymentAmount: t("invoices.paymentAmount"), footer: t("invoices.pdf.footer", { issuer: seller.name }), appName: t("common.appName"),
      terms: t("invoices.terms"), page: t("invoices.pdf.page", { page: "{page}", pages: "{pages}" }),
    },
  };
}
