import { getDb } from "@/db/client";
import { invoicePdf, pdfResponse } from "@/lib/invoices/documents";
import { invoiceFromLink } from "@/lib/invoices/link-access";

export const runtime = "nodejs";

/** The invoice's stored PDF for a valid signed link; 403 with nothing else for any other. */
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  const data = await invoiceFromLink((await params).token);
  if (!data) return new Response("Forbidden", { status: 403, headers: { "content-type": "text/plain", "cache-control": "no-store" } });
  return pdfResponse(await invoicePdf(getDb(), data), data.invoice.number);
}
