import { getDb } from "@/db/client";
import { getContract } from "@/db/queries/contracts";
import { jsonError, staffRoute } from "@/lib/auth/route";
import { contractPdf, contractPdfResponse } from "@/lib/contracts/documents";
import { isLocale } from "@/lib/i18n/config";

export const runtime = "nodejs";

/** Staff (finance and support) download any contract's PDF, as the customer does. */
export const GET = staffRoute("staff.read", async (req, { params }) => {
  const data = await getContract(getDb(), { accountId: null, contractId: params.contractId ?? "" });
  if (!data) return jsonError("NOT_FOUND", "Not found.");
  const copy = new URL(req.url).searchParams.get("copy");
  const doc = await contractPdf(getDb(), data.contract, { copy: copy && isLocale(copy) ? copy : undefined });
  return contractPdfResponse(doc, copy ? `${data.contract.number}-${copy}` : data.contract.number);
});
