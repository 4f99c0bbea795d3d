"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { MEMBER_ROLES } from "@/lib/auth/permissions";
import { changeRole } from "@/lib/members/manage";

const ChangeRoleSchema = z.object({ userId: z.string().uuid(), role: z.enum(MEMBER_ROLES) });

export const changeRoleAction = accountAction(
  { schema: ChangeRoleSchema, permission: "members.manage", revalidate: ["/a/[accountId]/members"] },
  ({ db, input, user, role, ip }) => changeRole(db, { userId: user.id, name: user.name, role, ip }, input),
);
