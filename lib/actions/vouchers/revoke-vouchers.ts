"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { toDecimalString } from "@/lib/money";
import { StaffReason } from "@/lib/staff/reason";
import { revokeVouchers } from "@/lib/vouchers/batches";

const RevokeSchema = z.object({ batchId: z.string().uuid(), voucherId: z.string().uuid().optional(), reason: StaffReason });

/**
 * Revokes a batch's unused codes, or one of them, with a reason; redeemed vouchers are
 * never taken back. Says how many were revoked and their face value (a decimal string).
 * Nothing to revalidate (the staff pages are rendered per request): a revalidation would
 * refresh the batch page at once and take the dialog, with its outcome, away with the
 * code's row; the dialog refreshes the page when it is closed.
 */
export const revokeVouchersAction = staffAction({ schema: RevokeSchema, permission: "staff.vouchers.manage" }, async ({ input, user, db, ip }) => {
  const { count, faceValue } = await revokeVouchers(db, { batchId: input.batchId, voucherId: input.voucherId, reason: input.reason, actor: { userId: user.id, ip } });
  return { count, faceValue: toDecimalString(faceValue) };
});
