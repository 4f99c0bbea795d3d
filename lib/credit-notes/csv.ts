import type { creditNotes } from "@/db/schema";
import { csvField } from "@/lib/csv";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { toDecimalString } from "@/lib/money";

type Note = typeof creditNotes.$inferSelect;
const amount = (v: bigint) => csvField(toDecimalString(v, { minDecimals: 2 }), false);

/**
 * The invoices list's CSV with each invoice's credit notes on the rows after it, in the
 * list's columns (number, period, issued, due, status, gross, discount, voucher, tax, total,
 * amount due): the note's number, its invoice's period, the date it was issued, "Credit note
 * for INV…" as its status, and its net, tax and total negative, as they reduce the invoice.
 * `invoiceLines` is the list's CSV (a header, then one line per invoice in `invoices`' order).
 */
export function withCreditNoteLines(invoiceLines: string[], invoices: { id: string; number: string; period: string }[], notes: Note[], locale: Locale): string[] {
  const t = translator(locale);
  const byInvoice = new Map<string, Note[]>();
  for (const n of notes) byInvoice.set(n.invoiceId, [...(byInvoice.get(n.invoiceId) ?? []), n]);
  const out = [invoiceLines[0]!];
  invoices.forEach((inv, i) => {
    out.push(invoiceLines[i + 1]!);
    for (const n of byInvoice.get(inv.id) ?? []) {
      out.push(
        [csvField(n.number), csvField(inv.period), csvField(n.issuedAt.toISOString().slice(0, 10)), "", csvField(t("creditNotes.forInvoice", { invoice: inv.number })), amount(-n.net), amount(0n), amount(0n), amount(-n.tax), amount(-n.total), ""].join(","),
      );
    }
  });
  return out;
}
