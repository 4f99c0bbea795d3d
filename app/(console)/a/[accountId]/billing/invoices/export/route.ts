import { getDb } from "@/db/client";
import { listInvoices } from "@/lib/invoices/read";
import { accountRoute } from "@/lib/auth/route";
import { csvResponse } from "@/lib/http/csv-response";
import { localeFromCookieHeader } from "@/lib/i18n/config";
import { invoiceListCsvLines } from "@/lib/invoices/csv";
import { parseInvoiceQuery } from "@/lib/invoices/query";

export const runtime = "nodejs";

/** The filtered invoice list as CSV; same guard as the page. */
export const GET = accountRoute("invoices.read", async (req, { account }) => {
  const { filters } = parseInvoiceQuery(Object.fromEntries(new URL(req.url).searchParams));
  const rows = await listInvoices(getDb(), { accountId: account.id, ...filters, limit: 10_000 });
  async function* lines() {
    yield* invoiceListCsvLines(rows, localeFromCookieHeader(req.headers.get("cookie")));
  }
  return csvResponse(lines(), "invoices");
});
