import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, emailOutbox, invitations, memberships, users } from "@/db/schema";
import { audit } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { hashToken } from "@/lib/auth/tokens";
import { clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { withTx } from "@/db/tx";

/** A live invitation (not used, revoked or expired) with its account's name, or null. */
export async function findOpenInvitation(db: Db, token: string, now = clockNow()) {
  const [row] = await db
    .select({ id: invitations.id, accountId: invitations.accountId, accountName: accounts.name, email: invitations.email, role: invitations.role })
    .from(invitations)
    .innerJoin(accounts, eq(accounts.id, invitations.accountId))
    .where(and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)));
  return row ?? null;
}

async function claim(tx: Db, token: string) {
  const [inv] = await tx
    .update(invitations)
    .set({ acceptedAt: clockNow() })
    .where(and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, clockNow())))
    .returning();
  if (!inv) throw new AppError("NOT_FOUND", "This invitation is invalid, used or expired.");
  return inv;
}

/** A signed-in user accepts an invitation sent to their own address. */
export async function acceptInvitation(db: Db, input: { token: string; userId: string; email: string; ip?: string | null }) {
  return withTx(db, async (tx) => {
    const inv = await claim(tx as unknown as Db, input.token);
    if (inv.email !== input.email.toLowerCase()) throw new AppError("FORBIDDEN", "This invitation was sent to another email address.");
    await tx.insert(memberships).values({ accountId: inv.accountId, userId: input.userId, role: inv.role }).onConflictDoNothing();
    await tx.update(users).set({ lastAccountId: inv.accountId }).where(eq(users.id, input.userId));
    await audit(tx, { actorUserId: input.userId, actorKind: "user", accountId: inv.accountId, action: "member.join", targetType: "invitation", targetId: inv.id, data: { role: inv.role }, ip: input.ip ?? null });
    return { accountId: inv.accountId };
  });
}

/** Someone without a user yet accepts: the invitation's address becomes their sign-in. */
export async function acceptAsNewUser(db: Db, input: { token: string; name: string; password: string; ip?: string | null }) {
  const passwordHash = await hashPassword(input.password);
  return withTx(db, async (tx) => {
    const inv = await claim(tx as unknown as Db, input.token);
    const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${inv.email}`);
    if (taken) throw new AppError("CONFLICT", "An account with this email exists: sign in to accept.");
    // The new user reads the console in the language their invitation was written in.
    const [mail] = await tx.select({ locale: emailOutbox.locale }).from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `invitation:${inv.id}`));
    const [user] = await tx.insert(users).values({ email: inv.email, name: input.name, passwordHash, lastAccountId: inv.accountId, locale: mail?.locale ?? "en" }).returning({ id: users.id });
    await tx.insert(memberships).values({ accountId: inv.accountId, userId: user!.id, role: inv.role });
    await audit(tx, { actorUserId: user!.id, actorKind: "user", accountId: inv.accountId, action: "member.join", targetType: "invitation", targetId: inv.id, data: { role: inv.role, newUser: true }, ip: input.ip ?? null });
    return { accountId: inv.accountId, email: inv.email };
  });
}
