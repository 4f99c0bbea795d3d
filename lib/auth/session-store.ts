import { and, desc, eq, gt, isNull, lt, ne, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type ChunkLimits, deleteInChunks } from "@/db/delete-in-chunks";
import { users, userSessions } from "@/db/schema";
import { isUuid } from "@/db/queries/memberships";
import { clockNow } from "@/lib/clock";
import type { StaffRole } from "./permissions";

/**
 * Server-side session records. The cookie stays a stateless JWT (the Credentials provider
 * needs one) carrying the user id and this record's id; every request resolves the pair
 * here, so ending a record ends that browser's session on its next request.
 */

export type SessionEndReason = "sign_out" | "sign_out_everywhere" | "password_change" | "removed" | "disabled";

/** How long a session lives without being seen; the JWT's own lifetime is the same. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;
/** last_seen_at is written at most this often, so a busy page is not a write per request. */
const TOUCH_EVERY_MS = 60_000;

export interface ResolvedSession {
  sessionId: string;
  user: { id: string; email: string; name: string; locale: "en" | "zh-CN"; staffRole: StaffRole | null; lastAccountId: string | null };
}

/** Opens a record at sign-in; its id goes into the JWT. */
export async function startSession(db: DbOrTx, input: { userId: string; userAgent?: string | null; ip?: string | null; now?: Date }): Promise<string> {
  const now = input.now ?? clockNow();
  const [row] = await db
    .insert(userSessions)
    .values({ userId: input.userId, userAgent: input.userAgent?.slice(0, 500) ?? null, ip: input.ip ?? null, createdAt: now, lastSeenAt: now })
    .returning({ id: userSessions.id });
  return row!.id;
}

/**
 * The user of a live session, or null: unknown id, another user's id, ended, not seen for
 * longer than a session lives, or the user disabled. One primary-key lookup joined to the
 * user; last_seen_at is refreshed at most once a minute.
 */
export async function resolveSession(db: DbOrTx, input: { userId?: string | null; sessionId?: string | null; now?: Date }): Promise<ResolvedSession | null> {
  const { userId, sessionId } = input;
  if (!userId || !sessionId || !isUuid(userId) || !isUuid(sessionId)) return null;
  const now = input.now ?? clockNow();
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      staffRole: users.staffRole,
      lastAccountId: users.lastAccountId,
      lastSeenAt: userSessions.lastSeenAt,
    })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), isNull(userSessions.revokedAt), eq(users.disabled, false)));
  if (!row) return null;
  const { lastSeenAt, ...user } = row;
  if (now.getTime() - lastSeenAt.getTime() > SESSION_MAX_AGE_SECONDS * 1000) return null;
  if (now.getTime() - lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    // The condition keeps concurrent requests of one session to one write.
    await db
      .update(userSessions)
      .set({ lastSeenAt: now })
      .where(and(eq(userSessions.id, sessionId), lt(userSessions.lastSeenAt, new Date(now.getTime() - TOUCH_EVERY_MS))));
  }
  return { sessionId, user };
}

function endWhere(db: DbOrTx, where: SQL | undefined, reason: SessionEndReason, now: Date) {
  return db
    .update(userSessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(where, isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
}

/** Ends one session (sign-out of this browser, or one row of the user's session list). */
export async function endSession(db: DbOrTx, input: { userId: string; sessionId: string; reason?: SessionEndReason; now?: Date }): Promise<boolean> {
  if (!isUuid(input.sessionId)) return false;
  const rows = await endWhere(db, and(eq(userSessions.id, input.sessionId), eq(userSessions.userId, input.userId)), input.reason ?? "sign_out", input.now ?? clockNow());
  return rows.length > 0;
}

/**
 * Ends every live session of a user, but `except` (the browser that changed the password
 * keeps its own). The one function a password change, a password reset, sign-out
 * everywhere, removal from an account and disabling a user call. Returns how many ended.
 */
export async function endAllSessions(db: DbOrTx, userId: string, opts: { reason: SessionEndReason; except?: string; now?: Date }): Promise<number> {
  const keep = opts.except && isUuid(opts.except) ? ne(userSessions.id, opts.except) : undefined;
  const rows = await endWhere(db, and(eq(userSessions.userId, userId), keep), opts.reason, opts.now ?? clockNow());
  return rows.length;
}

/** How long a session's row outlives its end (sign-out, or idle past its lifetime) before the prune job deletes it. */
export const ENDED_SESSION_KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the rows of sessions that ended over ENDED_SESSION_KEEP_MS before `now`: ended
 * by a sign-out (or any other end), or not seen for longer than a session lives. Either
 * is refused by resolveSession already, so no browser notices. Bounded per call.
 */
export async function pruneSessions(db: DbOrTx, now: Date, limits?: ChunkLimits): Promise<number> {
  const endedBefore = now.getTime() - ENDED_SESSION_KEEP_MS;
  const idleSince = new Date(endedBefore - SESSION_MAX_AGE_SECONDS * 1000);
  return deleteInChunks(db, userSessions, or(lt(userSessions.revokedAt, new Date(endedBefore)), lt(userSessions.lastSeenAt, idleSince)), limits);
}

/** The user's live sessions, most recently seen first (for the sessions list). */
export async function listActiveSessions(db: DbOrTx, input: { userId: string; now?: Date }) {
  const since = new Date((input.now ?? clockNow()).getTime() - SESSION_MAX_AGE_SECONDS * 1000);
  return db
    .select({ id: userSessions.id, createdAt: userSessions.createdAt, lastSeenAt: userSessions.lastSeenAt, userAgent: userSessions.userAgent, ip: userSessions.ip })
    .from(userSessions)
    .where(and(eq(userSessions.userId, input.userId), isNull(userSessions.revokedAt), gt(userSessions.lastSeenAt, since)))
    .orderBy(desc(userSessions.lastSeenAt));
}
