"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { MEMBER_ROLES } from "@/lib/auth/permissions";
import { inviteMember } from "@/lib/members/manage";

const InviteSchema = z.object({ email: z.string().trim().email("Enter a valid email address.").max(320), role: z.enum(MEMBER_ROLES) });

export const inviteMemberAction = accountAction(
  { schema: InviteSchema, permission: "members.manage", revalidate: ["/a/[accountId]/members"] },
  ({ db, input, user, role, ip }) => inviteMember(db, { userId: user.id, name: user.name, role, ip }, input),
);
