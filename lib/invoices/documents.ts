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
import { clockNow } from "@/lib/clock";
import { paymentMark } from "./format";

/** What the stored PDF shows: the invoice as issued, in `locale`, marked as it stood at issue (nothing had settled it yet). */
export function issuedViewModel(data: InvoiceWithLines, locale: Locale = data.invoice.locale): InvoiceViewModel {
  return buildInvoiceViewModel({ ...data, invoice: asIssued(data.invoice) }, locale, { asOf: data.invoice.issuedAt });
}

const asIssued = <T extends Invoice>(inv: T) => ({ ...inv, settled: 0n, status: inv.amountDue > 0n ? ("unpaid" as const) : ("paid" as const) });

/** The mark the stored original carries: PAID when the balance paid it all at issue, else UNPAID. */
const issuedMark = (inv: Invoice) => paymentMark(asIssued(inv));

/**
 * The invoice's PDF. The original is rendered once, in the language the invoice was issued
 * in (the team info's invoice language at that moment), kept with its SHA-256 and from then
 * on served byte for byte; two renders racing store one. `copy` asks for the invoice in a
 * language of the reader's choice instead: rendered now from the same issued rows, marked
 * COPY on every page, its footer printing the original's hash (as contracts do).
 *
 * The PAID / UNPAID / PARTIALLY PAID mark must be true when the reader downloads: the
 * stored original carries the mark as at issue, and is served while that is still the
 * invoice's mark (`data.invoice` is read as of now). Once payments since issue changed it,
 * the download is the same issued rows rendered now with today's mark and its date
 * ("Status as of …"), not stored (no ETag); the stored original stays as it was.
 */
export async function invoicePdf(db: DbOrTx, data: InvoiceWithLines, opts: { copy?: Locale } = {}): Promise<PdfDoc> {
  const stored = await getStoredPdf(db, { invoiceId: data.invoice.id });
  const original = stored ? { pdf: stored.pdf, sha256: stored.sha256, stored: true } : await renderAndStore(db, data);
  const marked = paymentMark(data.invoice) === issuedMark(data.invoice);
  if (!opts.copy && marked) return original;
  const locale = opts.copy ?? data.invoice.locale;
  const vm = marked ? issuedViewModel(data, locale) : buildInvoiceViewModel(data, locale, { asOf: clockNow() });
  const pdf = await renderInvoicePdf(vm, opts.copy ? copyMark(data.invoice, opts.copy, original.sha256) : undefined);
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
  await renderAndStore(db, { invoice: asIssued(issued.invoice), lines: issued.lines });
}
