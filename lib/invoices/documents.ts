import { createHash } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import { getStoredPdf, type InvoiceWithLines } from "@/db/queries/invoices";
import { invoiceDocuments } from "@/db/schema";
import { renderInvoicePdf } from "./pdf/render";
import { buildInvoiceViewModel } from "./view-model";

export type StoredPdf = { pdf: Uint8Array; sha256: string };

/**
 * The invoice's PDF as stored: rendered once (in the invoice's language), kept with its
 * SHA-256, and from then on served byte for byte. Two renders racing store one; both
 * callers get the stored one.
 */
export async function invoicePdf(db: DbOrTx, data: InvoiceWithLines): Promise<StoredPdf> {
  const stored = await getStoredPdf(db, { invoiceId: data.invoice.id });
  if (stored) return { pdf: stored.pdf, sha256: stored.sha256 };
  // The stored document shows the invoice as issued: status is left to the page, which knows "now".
  const pdf = await renderInvoicePdf(buildInvoiceViewModel({ ...data, invoice: { ...data.invoice, settled: 0n, status: data.invoice.amountDue > 0n ? "unpaid" : "paid" } }, data.invoice.locale));
  const sha256 = createHash("sha256").update(pdf).digest("hex");
  await db.insert(invoiceDocuments).values({ invoiceId: data.invoice.id, locale: data.invoice.locale, pdf, sha256, size: pdf.length }).onConflictDoNothing();
  const again = await getStoredPdf(db, { invoiceId: data.invoice.id });
  return { pdf: again!.pdf, sha256: again!.sha256 };
}

export function pdfResponse(doc: StoredPdf, number: string, disposition: "inline" | "attachment" = "attachment"): Response {
  return new Response(Buffer.from(doc.pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `${disposition}; filename="${number}.pdf"`,
      "content-length": String(doc.pdf.length),
      "cache-control": "private, no-store",
      etag: `"${doc.sha256}"`,
      "x-content-sha256": doc.sha256,
    },
  });
}
