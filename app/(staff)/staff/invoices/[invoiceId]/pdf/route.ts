import { getDb } from "@/db/client";
import { getInvoiceForStaff } from "@/db/queries/invoices";
import { jsonError, staffRoute } from "@/lib/auth/route";
import { invoicePdf, pdfResponse } from "@/lib/invoices/documents";

export const runtime = "nodejs";

export const GET = staffRoute("staff.read", async (_req, { params }) => {
  const data = await getInvoiceForStaff(getDb(), { invoiceId: params.invoiceId ?? "" });
  if (!data) return jsonError("NOT_FOUND", "Not found.");
  return pdfResponse(await invoicePdf(getDb(), data), data.invoice.number);
});
