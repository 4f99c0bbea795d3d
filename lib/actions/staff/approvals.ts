"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { approveRequest, rejectRequest } from "@/lib/staff/four-eyes";
import { StaffReason, staffReasonSchema } from "@/lib/staff/reason";

// The approve note is optional, but once written it is the audit record's reason: the staff reason's rule then.
const ApproveSchema = z.object({ approvalId: z.string().uuid(), note: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), StaffReason.optional()) });
const RejectSchema = z.object({ approvalId: z.string().uuid(), note: staffReasonSchema("staff.money.errors.reason") });

/** A second staff-finance member approves a pending change; it posts in the same transaction, once. */
export const approveRequestAction = staffAction({ schema: ApproveSchema, permission: "staff.money" }, async ({ input, user, db, ip }) => {
  return approveRequest(db, { approvalId: input.approvalId, note: input.note, actor: { userId: user.id, ip } });
});

/** A second staff-finance member rejects a pending change, saying why; nothing posts. */
export const rejectRequestAction = staffAction({ schema: RejectSchema, permission: "staff.money" }, async ({ input, user, db, ip }) => {
  return rejectRequest(db, { approvalId: input.approvalId, note: input.note, actor: { userId: user.id, ip } });
});
