import { getDb } from "@/db/client";
import { isUuid } from "@/db/queries/memberships";
import { getVoucherBatch } from "@/db/queries/vouchers";
import { clientIp } from "@/lib/auth/client-ip";
import { jsonError, staffRoute } from "@/lib/auth/route";
import { csvField } from "@/lib/csv";
import { csvResponse } from "@/lib/http/csv-response";
import { toDecimalString } from "@/lib/money";
import { takeBatchCodes } from "@/lib/vouchers/batches";
import { clockNow } from "@/lib/clock";

export const runtime = "nodejs";

/**
 * The batch's plain codes as CSV, once: the first request takes them (and the database
 * forgets them), any later one gets 410 Gone. Finance staff only.
 */
export const GET = staffRoute("staff.vouchers.manage", async (req, { user, params }) => {
  if (!isUuid(params.batchId ?? "")) return jsonError("NOT_FOUND", "Not found.");
  const db = getDb();
  const found = await getVoucherBatch(db, { batchId: params.batchId!, now: clockNow() });
  if (!found) return jsonError("NOT_FOUND", "Not found.");
  const codes = await takeBatchCodes(db, { batchId: found.batch.id, actor: { userId: user.id, ip: clientIp(req.headers) } });
  if (!codes) return Response.json({ error: { code: "GONE", message: "These codes were already downloaded." } }, { status: 410 });
  const b = found.batch;
  async function* lines() {
    yield ["code", "face_value_usd", "products", "valid_from", "valid_until", "batch"].join(",");
    for (const code of codes!) {
      yield [csvField(code), toDecimalString(b.faceValue), csvField(b.productIds.join(" ") || "all"), b.validFrom.toISOString(), b.validUntil.toISOString(), b.id].join(",");
    }
  }
  return csvResponse(lines(), `voucher-codes-${b.id.slice(0, 8)}`);
});
