import { and, asc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { type ChunkLimits, deleteInChunks } from "@/db/delete-in-chunks";
import { magicLinkTokens, signInLinkRequests, users } from "@/db/schema";
import { clockNow } from "@/lib/clock";
import { sendEmail } from "@/lib/email/send";
import { forgive, hit } from "@/lib/rate-limit";
import { addressKey } from "./client-ip";
import { verifyPassword } from "./password";
import { issueSignInLink, SIGN_IN_LINK_TTL_MS } from "./sign-in-link";
import { hashToken } from "./tokens";
import { withTx } from "@/db/tx";

/**
 * Password attempts and link requests count in separate buckets, each per email and per
 * client address (clients without a known address share one). A stranger who types wrong
 * passwords for someone's email blocks only password sign-in for that email, and only
 * until the window ends; the emailed link still comes and still signs the owner in.
 */
export const SIGN_IN_LIMITS = {
  password: {
    perEmail: { limit: 5, windowSeconds: 15 * 60 },
    perIp: { limit: 30, windowSeconds: 15 * 60 },
  },
  link: {
    perEmail: { limit: 5, windowSeconds: 15 * 60 },
    perIp: { limit: 30, windowSeconds: 15 * 60 },
  },
} as const;

type Purpose = keyof typeof SIGN_IN_LIMITS;

export type SignInOutcome = { ok: true; userId: string } | { ok: false; reason: "invalid" | "rate_limited" };

const keys = (purpose: Purpose, email: string, ip: string | null) => ({
  email: `sign-in:${purpose}:email:${email}`,
  ip: `sign-in:${purpose}:ip:${addressKey(ip)}`,
});

/** Both buckets take the hit, known email or not, before anything looks the email up. */
async function limited(db: Db, purpose: Purpose, email: string, ip: string | null, now?: Date): Promise<boolean> {
  const k = keys(purpose, email, ip);
  const byEmail = await hit(db, k.email, { ...SIGN_IN_LIMITS[purpose].perEmail, now });
  const byIp = await hit(db, k.ip, { ...SIGN_IN_LIMITS[purpose].perIp, now });
  return !byEmail.allowed || !byIp.allowed;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

async function findUserByEmail(db: DbOrTx, email: string) {
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`).limit(1);
  return user;
}

/**
 * Checks an email and password. Every attempt counts against the email and the client
 * address, known email or not; an unknown email is compared against a dummy hash, so
 * both take one bcrypt comparison, and the answer never says which of the two was wrong.
 */
export async function passwordSignIn(db: Db, input: { email: string; password: string; ip: string | null; now?: Date }): Promise<SignInOutcome> {
  const email = normalizeEmail(input.email);
  if (await limited(db, "password", email, input.ip, input.now)) return { ok: false, reason: "rate_limited" };
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(input.password, user?.passwordHash);
  if (!ok || !user || user.disabled) return { ok: false, reason: "invalid" };
  // Only failures count: someone who signs in often is not guessing.
  const k = keys("password", email, input.ip);
  await forgive(db, k.email, { ...SIGN_IN_LIMITS.password.perEmail, now: input.now });
  await forgive(db, k.ip, { ...SIGN_IN_LIMITS.password.perIp, now: input.now });
  return { ok: true, userId: user.id };
}

/**
 * Records a request for a sign-in link. It does the same for every address, account or
 * not (two counter upserts and one queued row), so neither its answer nor its time says
 * whether the address has an account; `issueRequestedLinks` looks the address up later.
 */
export async function requestMagicLink(db: Db, input: { email: string; ip: string | null; now?: Date }): Promise<{ rateLimited: boolean }> {
  const email = normalizeEmail(input.email);
  if (await limited(db, "link", email, input.ip, input.now)) return { rateLimited: true };
  await db.insert(signInLinkRequests).values({ email, requestedAt: input.now ?? clockNow() });
  return { rateLimited: false };
}

/**
 * Turns queued link requests into emails: an address with an active user gets a one-time
 * link valid for 15 minutes, any other request is dropped. Run by the email delivery tick
 * just before it sends, so the link leaves in the same tick. Rows are claimed with SKIP
 * LOCKED, so app instances and the worker never email one request twice.
 */
export async function issueRequestedLinks(db: Db, opts: { now?: Date; batch?: number } = {}): Promise<{ issued: number; dropped: number }> {
  const now = opts.now ?? clockNow();
  let issued = 0;
  let dropped = 0;
  await withTx(db, async (tx) => {
    // A retried attempt starts again from the queue: count only what the last attempt did.
    issued = 0;
    dropped = 0;
    const queued = await tx
      .select()
      .from(signInLinkRequests)
      .orderBy(asc(signInLinkRequests.requestedAt))
      .limit(opts.batch ?? 100)
      .for("update", { skipLocked: true });
    if (queued.length === 0) return;
    for (const request of queued) {
      const user = await findUserByEmail(tx, request.email);
      if (!user || user.disabled) {
        dropped++;
        continue;
      }
      const link = await issueSignInLink(tx, user.id, now);
      await sendEmail(tx, {
        to: user.email,
        locale: user.locale,
        template: "magic-link",
        props: { name: user.name, url: link.url, minutes: SIGN_IN_LINK_TTL_MS / 60_000 },
        idempotencyKey: `magic-link:${link.hash}`,
      });
      issued++;
    }
    await tx.delete(signInLinkRequests).where(inArray(signInLinkRequests.id, queued.map((r) => r.id)));
  });
  return { issued, dropped };
}

/**
 * Deletes link requests queued for longer than a link lives: the delivery tick takes them
 * within seconds, so one left that long was never delivered (the tick was down), and
 * whoever asked has long since asked again. Bounded per call.
 */
export async function pruneLinkRequests(db: DbOrTx, now: Date, limits?: ChunkLimits): Promise<number> {
  return deleteInChunks(db, signInLinkRequests, lt(signInLinkRequests.requestedAt, new Date(now.getTime() - SIGN_IN_LINK_TTL_MS)), limits);
}

/** Spends a sign-in link: valid once, before it expires. */
export async function consumeMagicLink(db: Db, token: string, now = clockNow()): Promise<SignInOutcome> {
  const [row] = await db
    .update(magicLinkTokens)
    .set({ usedAt: now })
    .where(and(eq(magicLinkTokens.tokenHash, hashToken(token)), isNull(magicLinkTokens.usedAt), gt(magicLinkTokens.expiresAt, now)))
    .returning({ userId: magicLinkTokens.userId });
  if (!row) return { ok: false, reason: "invalid" };
  const [user] = await db.select({ disabled: users.disabled }).from(users).where(eq(users.id, row.userId));
  if (!user || user.disabled) return { ok: false, reason: "invalid" };
  return { ok: true, userId: row.userId };
}
