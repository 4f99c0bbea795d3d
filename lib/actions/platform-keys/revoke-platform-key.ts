"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { revokePlatformKey } from "@/lib/api/keys";
import { StaffReason } from "@/lib/staff/reason";

const RevokePlatformKeySchema = z.object({ keyId: z.string().uuid(), reason: StaffReason });

/**
 * Staff-finance revoke a platform key, with a reason (kept in the audit record); it is refused
 * from the next request on. Nothing to revalidate: the dialog refreshes the page when it closes,
 * so its outcome stays readable although the row loses its revoke button.
 */
export const revokePlatformKeyAction = staffAction(
  { schema: RevokePlatformKeySchema, permission: "staff.platform_keys.manage" },
  async ({ db, input, user, ip }) => {
    await db.transaction((tx) => revokePlatformKey(tx, { keyId: input.keyId, userId: user.id, reason: input.reason, ip }));
    return { keyId: input.keyId };
  },
);
