import path from "node:path";
import { Font, renderToBuffer } from "@react-pdf/renderer";
import { createElement } from "react";
import type { ContractViewModel } from "../view-model";
import { CONTRACT_FONT_FAMILY, ContractDocument } from "./document";

/** The invoices' bundled font (Noto Sans CJK SC subset, OFL), registered once per process whichever module gets there first. */
function registerFonts() {
  if (Font.getRegisteredFontFamilies().includes(CONTRACT_FONT_FAMILY)) return;
  Font.register({ family: CONTRACT_FONT_FAMILY, src: path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/invoices/fonts/NotoSansSC-Regular.ttf") });
  // As for invoices: a CJK word may break between any two characters, without a hyphen.
  Font.registerHyphenationCallback((word) => (/[\u3000-\u9fff\uff00-\uffef]/.test(word) ? Array.from(word).flatMap((c) => [c, ""]) : [word]));
}

export async function renderContractPdf(vm: ContractViewModel): Promise<Buffer> {
  registerFonts();
  return renderToBuffer(createElement(ContractDocument, { vm }) as Parameters<typeof renderToBuffer>[0]);
}
