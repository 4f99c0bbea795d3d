import path from "node:path";
import { Font, renderToBuffer } from "@react-pdf/renderer";
import { createElement } from "react";
import type { InvoiceViewModel } from "../view-model";
import { InvoiceDocument, PDF_FONT_FAMILY } from "./document";

let registered = false;

/** The bundled font (Noto Sans CJK SC subset, OFL): 简体中文 and Latin from one file, never fetched. */
function registerFonts() {
  if (registered) return;
  registered = true;
  Font.register({ family: PDF_FONT_FAMILY, src: path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/invoices/fonts/NotoSansSC-Regular.ttf") });
  // Chinese has no spaces between words: allow a break between any two characters of a CJK
  // word. The empty pieces make those breaks without a hyphen (react-pdf adds one between syllables).
  Font.registerHyphenationCallback((word) => (/[\u3000-\u9fff\uff00-\uffef]/.test(word) ? Array.from(word).flatMap((c) => [c, ""]) : [word]));
}

export async function renderInvoicePdf(vm: InvoiceViewModel): Promise<Buffer> {
  registerFonts();
  return renderToBuffer(createElement(InvoiceDocument, { vm }) as Parameters<typeof renderToBuffer>[0]);
}
