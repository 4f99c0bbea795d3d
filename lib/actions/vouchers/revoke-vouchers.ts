"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { revokeVouchers } from "@/lib/vouchers/batches";

const RevokeSchema = z.object({ batchId: z.string().uuid(), voucherId: z.string().uuid().optional() });

/** Revokes a batch's unused codes, or one of them; redeemed vouchers are never taken back. */
export const revokeVouchersAction = staffAction({ schema: RevokeSchema, permission: "staff.vouchers.manage", revalidate: ["/staff/vouchers"] }, async ({ input, user, db, ip }) => {
  const count = await revokeVouchers(db, { batchId: input.batchId, voucherId: input.voucherId, actor: { userId: user.id, ip } });
  return { count };
});
