import { getDb } from "@/db/client";
import { errorResponse, jsonError } from "@/lib/auth/route";
import { invoicePdfDownload } from "@/lib/invoices/documents";
import { invoiceFromLink } from "@/lib/invoices/link-access";

export const runtime = "nodejs";

/** The invoice's stored PDF (or `?copy=<locale>`, its marked copy) for a valid signed link; 403 with nothing else for any other. */
export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const data = await invoiceFromLink((await params).token);
    if (!data) return jsonError("FORBIDDEN", "This invoice link is invalid or has expired.");
    return await invoicePdfDownload(getDb(), req, data);
  } catch (e) {
    return errorResponse(e);
  }
}
