import { getDb } from "@/db/client";
import { getInvoice } from "@/lib/invoices/read";
import { accountRoute, jsonError } from "@/lib/auth/route";
import { invoicePdfDownload } from "@/lib/invoices/documents";

export const runtime = "nodejs";

/**
 * The stored PDF, byte for byte (rendered on first request if the job has not yet);
 * `?copy=<locale>` gives a marked copy in that language. Another account's invoice is not found.
 */
export const GET = accountRoute("invoices.read", async (req, { account, params }) => {
  const data = await getInvoice(getDb(), { accountId: account.id, invoiceId: params.invoiceId ?? "" });
  if (!data) return jsonError("NOT_FOUND", "Not found.");
  return invoicePdfDownload(getDb(), req, data);
});
