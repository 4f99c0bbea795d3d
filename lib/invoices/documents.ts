import { createHash } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import { getStoredPdf, type InvoiceWithLines } from "@/db/queries/invoices";
import { invoiceDocuments } from "@/db/schema";
import type { Invoice, InvoiceLine } from "./issue";
import { renderInvoicePdf } from "./pdf/render";
import { buildInvoiceViewModel, type InvoiceViewModel } from "./view-model";

export type StoredPdf = { pdf: Uint8Array; sha256: string };

/** What the stored PDF shows: the invoice as issued, in its language; the live status is left to the page, which knows "now". */
export function issuedViewModel(data: InvoiceWithLines): InvoiceViewModel {
  return buildInvoiceViewModel({ ...data, invoice: { ...data.invoice, settled: 0n, status: data.invoice.amountDue > 0n ? "unpaid" : "paid" } }, data.invoice.locale);
}

/**
 * The invoice's PDF as stored: rendered once (in the invoice's language), kept with its
 * SHA-256, and from then on served byte for byte. Two renders racing store one; both
 * callers get the stored one.
 */
export async function invoicePdf(db: DbOrTx, data: InvoiceWithLines): Promise<StoredPdf> {
  const stored = await getStoredPdf(db, { invoiceId: data.invoice.id });
  if (stored) return { pdf: stored.pdf, sha256: stored.sha256 };
  return renderAndStore(db, data);
}

async function renderAndStore(db: DbOrTx, data: InvoiceWithLines): Promise<StoredPdf> {
  const pdf = await renderInvoicePdf(issuedViewModel(data));
  const sha256 = createHash("sha256").update(pdf).digest("hex");
  const [mine] = await db
    .insert(invoiceDocuments)
    .values({ invoiceId: data.invoice.id, locale: data.invoice.locale, pdf, sha256, size: pdf.length })
    .onConflictDoNothing()
    .returning({ sha256: invoiceDocuments.sha256 });
  if (mine) return { pdf, sha256 };
  const again = await getStoredPdf(db, { invoiceId: data.invoice.id });
  return { pdf: again!.pdf, sha256: again!.sha256 };
}

/**
 * The job's step after each new invoice commits: render and store its PDF, from the rows
 * the issue just wrote (nothing is stored yet; if a download raced it, the first stored wins).
 */
export async function storeIssuedPdf(db: DbOrTx, issued: { invoice: Invoice; lines: InvoiceLine[] }): Promise<void> {
  await renderAndStore(db, { invoice: { ...issued.invoice, settled: 0n, status: issued.invoice.amountDue > 0n ? "unpaid" : "paid" }, lines: issued.lines });
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
