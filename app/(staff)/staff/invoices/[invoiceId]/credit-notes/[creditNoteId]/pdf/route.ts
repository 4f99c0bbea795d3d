import { getDb } from "@/db/client";
import { jsonError, staffRoute } from "@/lib/auth/route";
import { creditNotePdfResponse } from "@/lib/credit-notes/download";
import { getCreditNoteForStaff } from "@/lib/credit-notes/read";

export const runtime = "nodejs";

/** Staff download any credit note's PDF, as the customer does. */
export const GET = staffRoute("staff.read", async (_req, { params }) => {
  const row = await getCreditNoteForStaff(getDb(), { invoiceId: params.invoiceId ?? "", creditNoteId: params.creditNoteId ?? "" });
  if (!row) return jsonError("NOT_FOUND", "Not found.");
  return creditNotePdfResponse(row);
});
