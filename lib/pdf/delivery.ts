import { createHash } from "node:crypto";
import { isLocale, type Locale } from "@/lib/i18n/config";

/**
 * A document to download: the stored original (served byte for byte, its hash as ETag) or a
 * copy rendered now (`stored: false`, marked as a copy on the page itself). Invoices and
 * contracts both hand these out.
 */
export type PdfDoc = { pdf: Uint8Array; sha256: string; stored: boolean };

export const sha256Hex = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

/** The language a document's copy is offered in: the one it was not issued in. */
export const otherLocale = (l: Locale): Locale => (l === "en" ? "zh-CN" : "en");

/** `?copy=<locale>` of a download request; anything else asks for the original. */
export function copyLocaleOf(req: Request): Locale | undefined {
  const copy = new URL(req.url).searchParams.get("copy");
  return isLocale(copy) ? copy : undefined;
}

/** The file a download is saved as: the number, and for a copy its language (INV00000042-zh-CN.pdf). */
export const pdfFilename = (number: string, copy?: Locale): string => (copy ? `${number}-${copy}` : number);

export function pdfResponse(doc: PdfDoc, filename: string): Response {
  return new Response(Buffer.from(doc.pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${filename}.pdf"`,
      "content-length": String(doc.pdf.length),
      "cache-control": "private, no-store",
      ...(doc.stored ? { etag: `"${doc.sha256}"`, "x-content-sha256": doc.sha256 } : {}),
    },
  });
}
