import { getDb } from "@/db/client";
import { errorResponse, jsonError } from "@/lib/auth/route";
import { invoicePdf, pdfResponse } from "@/lib/invoices/documents";
import { invoiceFromLink } from "@/lib/invoices/link-access";

export const runtime = "nodejs";

/** The invoice's stored PDF for a valid signed link; 403 with nothing else for any other. */
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const data = await invoiceFromLink((await params).token);
    if (!data) return jsonError("FORBIDDEN", "This invoice link is invalid or has expired.");
    return pdfResponse(await invoicePdf(getDb(), data), data.invoice.number);
  } catch (e) {
    return errorResponse(e);
  }
}
