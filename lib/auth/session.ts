import "server-only";
import { eq } from "drizzle-orm";
import { cache } from "react";
import { getDb } from "@/db/client";
import { findMembership } from "@/db/queries/memberships";
import { users } from "@/db/schema";
import { auth } from "./index";
import type { MemberRole, StaffRole } from "./permissions";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  locale: "en" | "zh-CN";
  staffRole: StaffRole | null;
  lastAccountId: string | null;
}

export interface AccountContext {
  user: SessionUser;
  account: { id: string; name: string };
  role: MemberRole;
}

/** The signed-in user, re-read from the database on every request (a disabled user is out at once). */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const uid = (session as unknown as { uid?: string } | null)?.uid;
  if (!uid) return null;
  const [user] = await getDb()
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, staffRole: users.staffRole, lastAccountId: users.lastAccountId, disabled: users.disabled })
    .from(users)
    .where(eq(users.id, uid));
  if (!user || user.disabled) return null;
  const { disabled: _disabled, ...rest } = user;
  return rest;
});

/** The user's context in an account, or null when they are not a member of it. */
export const getAccountContext = cache(async (user: SessionUser, accountId: string): Promise<AccountContext | null> => {
  const m = await findMembership(getDb(), { accountId, userId: user.id });
  if (!m) return null;
  return { user, account: { id: m.accountId, name: m.accountName }, role: m.role };
});
