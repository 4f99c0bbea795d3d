"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { revokeInvitation } from "@/lib/members/manage";

const RevokeSchema = z.object({ invitationId: z.string().uuid() });

export const revokeInvitationAction = accountAction(
  { schema: RevokeSchema, permission: "members.manage", revalidate: ["/a/[accountId]/members"] },
  ({ db, input, user, role, ip }) => revokeInvitation(db, { userId: user.id, name: user.name, role, ip }, input),
);
