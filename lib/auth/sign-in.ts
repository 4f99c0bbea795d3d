import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { magicLinkTokens, users } from "@/db/schema";
import { sendEmail } from "@/lib/email/send";
import { forgive, hit } from "@/lib/rate-limit";
import { verifyPassword } from "./password";
import { issueSignInLink, SIGN_IN_LINK_TTL_MS } from "./sign-in-link";
import { hashToken } from "./tokens";

export const SIGN_IN_LIMITS = {
  perEmail: { limit: 5, windowSeconds: 15 * 60 },
  perIp: { limit: 30, windowSeconds: 15 * 60 },
} as const;

export type SignInOutcome = { ok: true; userId: string } | { ok: false; reason: "invalid" | "rate_limited" };

async function limited(db: Db, email: string, ip: string | null, now?: Date): Promise<boolean> {
  const byEmail = await hit(db, `sign-in:email:${email}`, { ...SIGN_IN_LIMITS.perEmail, now });
  const byIp = ip ? await hit(db, `sign-in:ip:${ip}`, { ...SIGN_IN_LIMITS.perIp, now }) : { allowed: true };
  return !byEmail.allowed || !byIp.allowed;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

async function findUserByEmail(db: Db, email: string) {
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`).limit(1);
  return user;
}

/**
 * Checks an email and password. Every attempt counts against the email and the client
 * address, known email or not, and the answer never says which of the two was wrong.
 */
export async function passwordSignIn(db: Db, input: { email: string; password: string; ip: string | null; now?: Date }): Promise<SignInOutcome> {
  const email = normalizeEmail(input.email);
  if (await limited(db, email, input.ip, input.now)) return { ok: false, reason: "rate_limited" };
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(input.password, user?.passwordHash);
  if (!ok || !user || user.disabled) return { ok: false, reason: "invalid" };
  // Only failures count: someone who signs in often is not guessing.
  await forgive(db, `sign-in:email:${email}`, { ...SIGN_IN_LIMITS.perEmail, now: input.now });
  if (input.ip) await forgive(db, `sign-in:ip:${input.ip}`, { ...SIGN_IN_LIMITS.perIp, now: input.now });
  return { ok: true, userId: user.id };
}

/**
 * Emails a one-time sign-in link when the address belongs to a user. The caller shows
 * the same message either way.
 */
export async function requestMagicLink(db: Db, input: { email: string; ip: string | null; now?: Date }): Promise<{ rateLimited: boolean }> {
  const email = normalizeEmail(input.email);
  if (await limited(db, email, input.ip, input.now)) return { rateLimited: true };
  const user = await findUserByEmail(db, email);
  if (!user || user.disabled) return { rateLimited: false };
  const now = input.now ?? new Date();
  await db.transaction(async (tx) => {
    const { url, hash } = await issueSignInLink(tx, user.id, now);
    await sendEmail(tx, {
      to: user.email,
      locale: user.locale,
      template: "magic-link",
      props: { name: user.name, url, minutes: SIGN_IN_LINK_TTL_MS / 60_000 },
      idempotencyKey: `magic-link:${hash}`,
    });
  });
  return { rateLimited: false };
}

/** Spends a sign-in link: valid once, before it expires. */
export async function consumeMagicLink(db: Db, token: string, now = new Date()): Promise<SignInOutcome> {
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
