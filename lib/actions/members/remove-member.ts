"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { removeMember } from "@/lib/members/manage";

const RemoveSchema = z.object({ userId: z.string().uuid() });

export const removeMemberAction = accountAction(
  { schema: RemoveSchema, permission: "members.manage", revalidate: ["/a/[accountId]/members"] },
  ({ db, input, user, role, ip }) => removeMember(db, { userId: user.id, name: user.name, role, ip }, input),
);
