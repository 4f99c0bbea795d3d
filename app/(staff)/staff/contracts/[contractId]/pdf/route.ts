import { getDb } from "@/db/client";
import { getContract } from "@/db/queries/contracts";
import { jsonError, staffRoute } from "@/lib/auth/route";
import { contractPdf } from "@/lib/contracts/documents";
import { copyLocaleOf, pdfFilename, pdfResponse } from "@/lib/pdf/delivery";

export const runtime = "nodejs";

/** Staff (finance and support) download any contract's PDF, as the customer does. */
export const GET = staffRoute("staff.read", async (req, { params }) => {
  const data = await getContract(getDb(), { accountId: null, contractId: params.contractId ?? "" });
  if (!data) return jsonError("NOT_FOUND", "Not found.");
  const copy = copyLocaleOf(req);
  return pdfResponse(await contractPdf(getDb(), data.contract, { copy }), pdfFilename(data.contract.number, copy));
});
