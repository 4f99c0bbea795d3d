import { getDb } from "@/db/client";
import { listInvoices } from "@/lib/invoices/read";
import { accountRoute } from "@/lib/auth/route";
import { csvResponse } from "@/lib/http/csv-response";
import { localeFromCookieHeader } from "@/lib/i18n/config";
import { invoiceListCsvLines } from "@/lib/invoices/csv";
import { parseInvoiceQuery } from "@/lib/invoices/query";
import { withCreditNoteLines } from "@/lib/credit-notes/csv";
import { listCreditNotes } from "@/lib/credit-notes/read";

export const runtime = "nodejs";

/** The filtered invoice list as CSV, each invoice followed by its credit notes; same guard as the page. */
export const GET = accountRoute("invoices.read", async (req, { account }) => {
  const { filters } = parseInvoiceQuery(Object.fromEntries(new URL(req.url).searchParams));
  const rows = await listInvoices(getDb(), { accountId: account.id, ...filters, limit: 10_000 });
  // The credit notes of the same periods, each listed after its invoice (negative amounts).
  const listed = new Set(rows.map((r) => r.id));
  const notes = (await listCreditNotes(getDb(), { accountId: account.id, from: filters.from, to: filters.to, limit: 20_000 })).map((r) => r.note).filter((n) => listed.has(n.invoiceId));
  const locale = localeFromCookieHeader(req.headers.get("cookie"));
  async function* lines() {
    yield* withCreditNoteLines(invoiceListCsvLines(rows, locale), rows, notes.reverse(), locale);
  }
  return csvResponse(lines(), "invoices");
});
