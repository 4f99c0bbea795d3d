import { getDb } from "@/db/client";
import { getContract } from "@/db/queries/contracts";
import { jsonError } from "@/lib/auth/route";
import { contractsRouteContext } from "@/lib/contracts/access";
import { contractPdf } from "@/lib/contracts/documents";
import { copyLocaleOf, pdfFilename, pdfResponse } from "@/lib/pdf/delivery";

export const runtime = "nodejs";

/**
 * The contract's PDF: a DRAFT rendering before both sides signed, then the stored signed
 * original byte for byte; `?copy=<locale>` gives a copy in that language naming the
 * original's hash. A member, or another account, gets "not found".
 */
export async function GET(req: Request, { params }: { params: Promise<{ accountId: string; contractId: string }> }) {
  const { accountId, contractId } = await params;
  const ctx = await contractsRouteContext(accountId);
  if (ctx instanceof Response) return ctx;
  const data = await getContract(getDb(), { accountId: ctx.account.id, contractId });
  if (!data) return jsonError("NOT_FOUND", "Not found.");
  const copy = copyLocaleOf(req);
  return pdfResponse(await contractPdf(getDb(), data.contract, { copy }), pdfFilename(data.contract.number, copy));
}
