import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { findMembership } from "@/db/queries/memberships";
import { auth } from "./index";
import type { MemberRole, StaffRole } from "./permissions";
import { resolveSession } from "./session-store";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  locale: "en" | "zh-CN";
  staffRole: StaffRole | null;
  lastAccountId: string | null;
  /** This browser's session record (user_sessions.id). */
  sessionId: string;
}

export interface AccountContext {
  user: SessionUser;
  account: { id: string; name: string };
  role: MemberRole;
}

/**
 * The one place a request's session is resolved: every page guard, server action and route
 * handler asks here. The JWT must name a live session record of an enabled user, so a
 * signed-out, ended or disabled session is refused on its next request though the cookie
 * itself is still valid. Once per request (React `cache`): one indexed lookup.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await auth()) as unknown as { uid?: string; sid?: string } | null;
  const resolved = await resolveSession(getDb(), { userId: session?.uid, sessionId: session?.sid });
  return resolved ? { ...resolved.user, sessionId: resolved.sessionId } : null;
});

/** The user's context in an account, or null when they are not a member of it. */
export const getAccountContext = cache(async (user: SessionUser, accountId: string): Promise<AccountContext | null> => {
  const m = await findMembership(getDb(), { accountId, userId: user.id });
  if (!m) return null;
  return { user, account: { id: m.accountId, name: m.accountName }, role: m.role };
});
