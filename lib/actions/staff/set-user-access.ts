"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { StaffReason } from "@/lib/staff/reason";
import { setUserAccess } from "@/lib/staff/user-access";

const UserAccessSchema = z.object({
  accountId: z.string().uuid(),
  userId: z.string().uuid(),
  disabled: z.boolean(),
  reason: StaffReason,
});

/**
 * Staff-finance disable (or enable again) a member of a customer account, with a reason:
 * a disabled user's sessions end at once and they cannot sign in. Says whether anything
 * changed; nothing to revalidate (staff pages render per request; the dialog refreshes).
 */
export const setUserAccessAction = staffAction({ schema: UserAccessSchema, permission: "staff.users.manage" }, async ({ input, user, db, ip }) =>
  setUserAccess(db, { ...input, actor: { userId: user.id, ip } }),
);
