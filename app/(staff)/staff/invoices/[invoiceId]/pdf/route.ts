import { getDb } from "@/db/client";
import { getInvoiceForStaff } from "@/lib/invoices/read";
import { jsonError, staffRoute } from "@/lib/auth/route";
import { invoicePdfDownload } from "@/lib/invoices/documents";

export const runtime = "nodejs";

/** Staff download any invoice's PDF, or its marked copy in another language, as the customer does. */
export const GET = staffRoute("staff.read", async (req, { params }) => {
  const data = await getInvoiceForStaff(getDb(), { invoiceId: params.invoiceId ?? "" });
  if (!data) return jsonError("NOT_FOUND", "Not found.");
  return invoicePdfDownload(getDb(), req, data);
});
