import { createElement } from "react";
import { renderPdf } from "@/lib/pdf/render";
import type { InvoiceViewModel } from "../view-model";
import { type CopyMark, InvoiceDocument } from "./document";

export async function renderInvoicePdf(vm: InvoiceViewModel, copy?: CopyMark): Promise<Buffer> {
  return renderPdf(createElement(InvoiceDocument, { vm, copy }));
}
