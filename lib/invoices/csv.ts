import type { InvoiceRow } from "./read";
import { usageLabels } from "@/lib/billing/usage-labels";
import { csvField } from "@/lib/csv";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { toDecimalString } from "@/lib/money";
import { outstandingAmount } from "./status";
import type { InvoiceViewModel } from "./view-model";

/** Plain decimal amounts (no currency sign or grouping), so a spreadsheet reads them as numbers. */
const amount = (v: bigint) => csvField(toDecimalString(v, { minDecimals: 2 }), false);

/** A quantity as a plain number: "744", "743.7167" (invoice_lines.units has four decimals, trailing zeros dropped). */
const quantity = (units: string | null) => (units === null ? "" : csvField(units.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, ""), false));

/**
 * One invoice's lines as CSV: the same rows as the page and the PDF, in the viewer's
 * language; quantity, unit and unit price in columns of their own, discounts and vouchers
 * negative (gross + discount + voucher = net).
 */
type RawLine = { gross: bigint; discount: bigint; voucher: bigint; net: bigint; unitPrice: bigint | null; units: string | null; unitLabel: string | null };

/**
 * One invoice's lines as CSV: the same rows as the page and the PDF (the tax line last, kind
 * "tax"), in the viewer's language; quantity, unit and unit price in columns of their own,
 * discounts and vouchers negative (gross + discount + voucher = net).
 */
export function invoiceCsvLines(vm: InvoiceViewModel, lines: RawLine[], tax = 0n): string[] {
  const taxLine: RawLine = { gross: tax, discount: 0n, voucher: 0n, net: tax, unitPrice: null, units: null, unitLabel: null };
  const t = translator(vm.locale);
  const L = vm.labels;
  const units = usageLabels(vm.locale);
  const head = [
    t("invoices.csv.invoice"), L.period, t("invoices.csv.kind"), L.orderNo, L.item, t("invoices.csv.resource"), L.location, L.mode, t("invoices.csv.start"), t("invoices.csv.end"),
    t("invoices.csv.quantity"), t("invoices.csv.unit"), L.unitPrice, L.gross, L.discount, L.voucher, L.net,
  ];
  const rows = vm.lines.map((l, i) => {
    const raw = l.kind === "tax" ? taxLine : lines[i]!;
    return [
      csvField(vm.number), csvField(vm.period), csvField(l.kind), csvField(l.orderNo), csvField(l.item), csvField(l.resourceId), csvField(l.location), csvField(l.mode), csvField(l.start), csvField(l.end || l.start),
      quantity(raw.units), csvField(raw.units === null || !raw.unitLabel ? "" : units.unit(raw.unitLabel)),
      raw.unitPrice === null ? "" : csvField(toDecimalString(raw.unitPrice, { minDecimals: 2 }), false), amount(raw.gross), amount(-raw.discount), amount(-raw.voucher), amount(raw.net),
    ].join(",");
  });
  return [head.map((h) => csvField(h)).join(","), ...rows];
}

/** A period's invoices as CSV. */
export function invoiceListCsvLines(rows: InvoiceRow[], locale: Locale): string[] {
  const t = translator(locale);
  const head = [t("invoices.number"), t("invoices.period"), t("invoices.issued"), t("invoices.due"), t("invoices.status"), t("invoices.sum.gross"), t("invoices.sum.discount"), t("invoices.sum.voucher"), t("invoices.csv.tax"), t("invoices.total"), t("invoices.amountDue")];
  return [
    head.map((h) => csvField(h)).join(","),
    ...rows.map((r) =>
      [
        csvField(r.number), csvField(r.period), csvField(r.issuedAt.toISOString().slice(0, 10)), csvField(r.dueAt.toISOString().slice(0, 10)), csvField(t(`invoices.statuses.${r.status}`)),
        amount(r.gross), amount(-r.discount), amount(-r.voucher), amount(r.tax), amount(r.total), amount(outstandingAmount(r)),
      ].join(","),
    ),
  ];
}
