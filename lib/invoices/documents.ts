import type { DbOrTx } from "@/db/client";
import { getStoredPdf } from "@/db/queries/invoices";
import { type InvoiceWithLines } from "./read";
import { invoiceDocuments } from "@/db/schema";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { copyLocaleOf, type PdfDoc, pdfFilename, pdfResponse, sha256Hex } from "@/lib/pdf/delivery";
import type { Invoice, InvoiceLine } from "./issue";
import type { CopyMark } from "./pdf/document";
import { renderInvoicePdf } from "./pdf/render";
import { buildInvoiceViewModel, type InvoiceViewModel } from "./view-model";

/** What the stored PDF (or a copy) shows: the invoice as issued, in `locale`; the live status is left to the page, which knows "now". */
export function issuedViewModel(data: InvoiceWithLines, locale: Locale = data.invoice.locale): InvoiceViewModel {
  return buildInvoiceViewModel({ ...data, invoice: { ...data.invoice, settled: 0n, status: data.invoice.amountDue > 0n ? "unpaid" : "paid" } }, locale);
}

/**
 * The invoice's PDF. The original is rendered once, in the language the invoice was issued
 * in (the team info's invoice language at that moment), kept with its SHA-256 and from then
 * on served byte for byte; two renders racing store one. `copy` asks for the invoice in a
 * language of the reader's choice instead: rendered now from the same issued rows, marked
 * COPY on every page, its footer printing the original's hash (as contracts do).
 */
export async function invoicePdf(db: DbOrTx, data: InvoiceWithLines, opts: { copy?: Locale } = {}): Promise<PdfDoc> {
  const stored = await getStoredPdf(db, { invoiceId: data.invoice.id });
  const original = stored ? { pdf: stored.pdf, sha256: stored.sha256, stored: true } : await renderAndStore(db, data);
  if (!opts.copy) return original;
  const pdf = await renderInvoicePdf(issuedViewModel(data, opts.copy), copyMark(data.invoice, opts.copy, original.sha256));
  return { pdf, sha256: sha256Hex(pdf), stored: false };
}

/** A download route's answer once it has found the invoice: the original, or with `?copy=<locale>` the marked copy (INV…-zh-CN.pdf). */
export async function invoicePdfDownload(db: DbOrTx, req: Request, data: InvoiceWithLines): Promise<Response> {
  const copy = copyLocaleOf(req);
  return pdfResponse(await invoicePdf(db, data, { copy }), pdfFilename(data.invoice.number, copy));
}

function copyMark(invoice: Invoice, locale: Locale, originalSha256: string): CopyMark {
  const t = translator(locale);
  const vars = { number: invoice.number, language: t(`invoices.languages.${locale}`), original: t(`invoices.languages.${invoice.locale}`), hash: originalSha256 };
  return { watermark: t("invoices.pdf.copy"), notice: t("invoices.pdf.copyNotice", vars), footer: t("invoices.pdf.copyFooter", vars) };
}

async function renderAndStore(db: DbOrTx, data: InvoiceWithLines): Promise<PdfDoc> {
  const pdf = await renderInvoicePdf(issuedViewModel(data));
  const sha256 = sha256Hex(pdf);
  const [mine] = await db
    .insert(invoiceDocuments)
    .values({ invoiceId: data.invoice.id, locale: data.invoice.locale, pdf, sha256, size: pdf.length })
    .onConflictDoNothing()
    .returning({ sha256: invoiceDocuments.sha256 });
  if (mine) return { pdf, sha256, stored: true };
  const again = await getStoredPdf(db, { invoiceId: data.invoice.id });
  return { pdf: again!.pdf, sha256: again!.sha256, stored: true };
}

/**
 * The job's step after each new invoice commits: render and store its PDF, from the rows
 * the issue just wrote (nothing is stored yet; if a download raced it, the first stored wins).
 */
export async function storeIssuedPdf(db: DbOrTx, issued: { invoice: Invoice; lines: InvoiceLine[] }): Promise<void> {
  await renderAndStore(db, { invoice: { ...issued.invoice, settled: 0n, status: issued.invoice.amountDue > 0n ? "unpaid" : "paid" }, lines: issued.lines });
}
