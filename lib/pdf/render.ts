import path from "node:path";
import { Font, renderToBuffer } from "@react-pdf/renderer";
import type { ReactElement } from "react";

/** The one font family of every PDF (invoices, contracts): Noto Sans CJK SC subset (OFL), 简体中文 and Latin from one bundled file. */
export const PDF_FONT_FAMILY = "NotoSansSC";

const CJK = /[\u3000-\u9fff\uff00-\uffef]/;
const CJK_EDGE = /(?<=[\u3000-\u9fff\uff00-\uffef])|(?=[\u3000-\u9fff\uff00-\uffef])/u;

/** Registers the bundled font once per process, whichever document renders first; never fetched at render time. */
function registerPdfFonts(): void {
  if (Font.getRegisteredFontFamilies().includes(PDF_FONT_FAMILY)) return;
  Font.register({ family: PDF_FONT_FAMILY, src: path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/invoices/fonts/NotoSansSC-Regular.ttf") });
  // Chinese has no spaces between words: allow a break before and after each CJK character,
  // keeping Latin runs inside such a word whole ("1（server-day）" never breaks as "s erver").
  // The empty pieces make those breaks without a hyphen (react-pdf adds one between syllables).
  Font.registerHyphenationCallback((word) => (CJK.test(word) ? word.split(CJK_EDGE).filter(Boolean).flatMap((c) => [c, ""]) : [word]));
}

/** Renders a react-pdf `<Document>` element with the bundled font. */
export async function renderPdf(element: ReactElement): Promise<Buffer> {
  registerPdfFonts();
  return renderToBuffer(element as Parameters<typeof renderToBuffer>[0]);
}
