import { getDb } from "@/db/client";
import { getInvoice } from "@/lib/invoices/read";
import { accountRoute, jsonError } from "@/lib/auth/route";
import { csvResponse } from "@/lib/http/csv-response";
import { localeFromCookieHeader } from "@/lib/i18n/config";
import { invoiceCsvLines } from "@/lib/invoices/csv";
import { buildInvoiceViewModel } from "@/lib/invoices/view-model";

export const runtime = "nodejs";

/** One invoice's lines as CSV. */
export const GET = accountRoute("invoices.read", async (req, { account, params }) => {
  const data = await getInvoice(getDb(), { accountId: account.id, invoiceId: params.invoiceId ?? "" });
  if (!data) return jsonError("NOT_FOUND", "Not found.");
  const vm = buildInvoiceViewModel(data, localeFromCookieHeader(req.headers.get("cookie")));
  async function* lines() {
    yield* invoiceCsvLines(vm, data!.lines, data!.invoice.tax);
  }
  return csvResponse(lines(), data.invoice.number);
});
