"use server";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { findMembership } from "@/db/queries/memberships";
import { users } from "@/db/schema";
import { userAction } from "@/lib/actions/action";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

const SwitchAccountSchema = z.object({ accountId: z.string().uuid() });

/** Remembers the account the user works in and says where to land in it. */
export const switchAccount = userAction({ schema: SwitchAccountSchema }, async ({ input, user, db }) => {
  const m = await findMembership(db, { accountId: input.accountId, userId: user.id });
  if (!m) throw new AppError("NOT_FOUND", "Not found.");
  await db.update(users).set({ lastAccountId: m.accountId }).where(eq(users.id, user.id));
  const landing = can(m.role, "billing.read") ? "billing" : "resources";
  return { href: `/a/${m.accountId}/${landing}` };
});
