import type { creditNotes, invoices } from "@/db/schema";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { formatWallTime } from "@/lib/invoices/view-model";
import { formatMoney } from "@/lib/money";
import { type SellerView, sellerView } from "@/lib/seller-view";

type Note = typeof creditNotes.$inferSelect;
type Invoice = Pick<typeof invoices.$inferSelect, "number" | "period" | "issuedAt" | "seller">;

/** A credit note as its PDF prints it: every figure already worded in the note's language; credited amounts negative, as on the invoice they reduce. */
export interface CreditNoteViewModel {
  locale: Locale;
  number: string;
  title: string;
  seller: SellerView;
  meta: { label: string; value: string }[];
  creditsInvoice: string;
  billedTo: { heading: string; lines: string[] };
  lines: { item: string; detail: string; amount: string }[];
  summary: { label: string; value: string; strong?: boolean }[];
  labels: { item: string; amount: string; lines: string; footer: string };
}

export function buildCreditNoteViewModel(note: Note, invoice: Invoice, locale: Locale = note.locale): CreditNoteViewModel {
  const t = translator(locale);
  const money = (v: bigint) => formatMoney(v, locale);
  const p = note.profile;
  const seller = sellerView(invoice.seller, t("common.appName"), { taxId: t("invoices.taxId"), bank: t("invoices.bank") });
  return {
    locale,
    number: note.number,
    title: t("creditNotes.pdf.title"),
    seller,
    meta: [
      { label: t("creditNotes.number"), value: note.number },
      { label: t("creditNotes.issued"), value: formatWallTime(note.issuedAt, false) },
      { label: t("creditNotes.invoice"), value: invoice.number },
      { label: t("creditNotes.kind"), value: t(`creditNotes.kinds.${note.kind as "refund" | "adjustment" | "correction"}`) },
    ],
    creditsInvoice: t("creditNotes.pdf.creditsInvoice", { invoice: invoice.number, period: invoice.period, issued: formatWallTime(invoice.issuedAt, false) }),
    billedTo: {
      heading: t("invoices.billedTo"),
      lines: [p.companyName, p.address, p.country, p.taxId ? `${t("invoices.taxId")}: ${p.taxId}` : "", p.billingEmail ?? "", `${t("invoices.accountId")}: ${note.accountId}`].filter(Boolean),
    },
    lines: note.lines.map((l) => ({
      item: locale === "zh-CN" ? l.itemZh : l.itemEn,
      detail: l.invoiceLinePosition == null ? t("creditNotes.pdf.wholeInvoice") : t("creditNotes.pdf.line", { position: l.invoiceLinePosition }),
      amount: money(-BigInt(l.amount)),
    })),
    summary: [
      { label: t("creditNotes.pdf.net"), value: money(-note.net) },
      ...(note.tax > 0n ? [{ label: t("creditNotes.pdf.tax"), value: money(-note.tax) }] : []),
      { label: t("creditNotes.pdf.total"), value: money(-note.total), strong: true },
      { label: t("creditNotes.reason"), value: note.reason },
    ],
    labels: { item: t("creditNotes.pdf.item"), amount: t("creditNotes.amount"), lines: t("invoices.lines"), footer: t("creditNotes.pdf.footer", { issuer: seller.name }) },
  };
}
