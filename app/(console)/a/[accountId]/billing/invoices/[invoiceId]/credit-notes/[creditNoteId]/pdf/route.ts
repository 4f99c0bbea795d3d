import { getDb } from "@/db/client";
import { accountRoute, jsonError } from "@/lib/auth/route";
import { creditNotePdfResponse } from "@/lib/credit-notes/download";
import { getCreditNote } from "@/lib/credit-notes/read";

export const runtime = "nodejs";

/** A credit note's PDF, rendered from its immutable rows in its language. Another account's (or another invoice's) credit note is not found. */
export const GET = accountRoute("invoices.read", async (_req, { account, params }) => {
  const row = await getCreditNote(getDb(), { accountId: account.id, invoiceId: params.invoiceId ?? "", creditNoteId: params.creditNoteId ?? "" });
  if (!row) return jsonError("NOT_FOUND", "Not found.");
  return creditNotePdfResponse(row);
});
