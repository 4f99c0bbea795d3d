import "server-only";
import type { creditNotes, invoices } from "@/db/schema";
import { pdfResponse, sha256Hex } from "@/lib/pdf/delivery";
import { renderCreditNotePdf } from "./pdf/render";
import { buildCreditNoteViewModel } from "./view-model";

/** The download of a credit note (console and staff): rendered now from the issued rows, saved as CN….pdf. */
export async function creditNotePdfResponse(row: { note: typeof creditNotes.$inferSelect; invoice: typeof invoices.$inferSelect }): Promise<Response> {
  const pdf = await renderCreditNotePdf(buildCreditNoteViewModel(row.note, row.invoice));
  return pdfResponse({ pdf, sha256: sha256Hex(pdf), stored: false }, row.note.number);
}
