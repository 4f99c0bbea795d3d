import { createElement } from "react";
import { renderPdf } from "@/lib/pdf/render";
import type { CreditNoteViewModel } from "../view-model";
import { CreditNoteDocument } from "./document";

/** Rendered on every download from the immutable rows (a credit note is small; nothing is stored). */
export async function renderCreditNotePdf(vm: CreditNoteViewModel): Promise<Buffer> {
  return renderPdf(createElement(CreditNoteDocument, { vm }));
}
