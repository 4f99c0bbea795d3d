import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { countOwners, findMembership } from "@/db/queries/memberships";
import { accounts, invitations, memberships, users } from "@/db/schema";
import { audit } from "@/lib/audit";
import { assignableRoles, type MemberRole } from "@/lib/auth/permissions";
import { endAllSessions } from "@/lib/auth/session-store";
import { newToken } from "@/lib/auth/tokens";
import { clockNow } from "@/lib/clock";
import { sendEmail } from "@/lib/email/send";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import { withTx } from "@/db/tx";

export const INVITATION_DAYS = 7;

interface Actor {
  userId: string;
  name: string;
  role: MemberRole;
  ip?: string | null;
}

function mayAssign(actor: Actor, role: MemberRole) {
  if (!assignableRoles(actor.role).includes(role)) throw new AppError("FORBIDDEN", "Only an owner can make someone an owner.");
}

/** Serializes membership changes of one account, so "never the last owner" cannot race. */
async function lockAccount(tx: Db, accountId: string) {
  await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).for("update");
}

/**
 * Writes an invitation and queues its email in the caller's transaction, in `locale`, naming
 * `inviter` (a member, a staff member or the platform) as the one who invited. The link is
 * only in the email: the invitation keeps a hash of its token.
 */
export async function queueInvitation(tx: DbOrTx, input: { accountId: string; email: string; role: MemberRole; invitedBy: string | null; inviter: string; locale: Locale; now?: Date }) {
  const [account] = await tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, input.accountId));
  if (!account) throw new AppError("NOT_FOUND", "Not found.");
  const { token, hash } = newToken();
  const [inv] = await tx
    .insert(invitations)
    .values({ accountId: input.accountId, email: input.email, role: input.role, tokenHash: hash, invitedBy: input.invitedBy, expiresAt: new Date((input.now ?? clockNow()).getTime() + INVITATION_DAYS * 86_400_000) })
    .returning({ id: invitations.id });
  await sendEmail(tx, {
    to: input.email,
    locale: input.locale,
    template: "invitation",
    props: { inviter: input.inviter, account: account.name, role: input.role, url: `${appUrl()}/invite/${token}`, days: INVITATION_DAYS },
    idempotencyKey: `invitation:${inv!.id}`,
    accountId: input.accountId,
  });
  return { id: inv!.id };
}

export async function inviteMember(db: Db, actor: Actor, input: { accountId: string; email: string; role: MemberRole }) {
  mayAssign(actor, input.role);
  const email = input.email.trim().toLowerCase();
  return withTx(db, async (tx) => {
    const [existing] = await tx
      .select({ userId: users.id })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(and(sql`lower(${users.email}) = ${email}`, eq(memberships.accountId, input.accountId)));
    if (existing) throw new AppError("CONFLICT", "This person is already a member of the account.");
    const [invitee] = await tx.select({ locale: users.locale }).from(users).where(sql`lower(${users.email}) = ${email}`);
    const inv = await queueInvitation(tx, { accountId: input.accountId, email, role: input.role, invitedBy: actor.userId, inviter: actor.name, locale: invitee?.locale ?? "en" });
    await audit(tx, { actorUserId: actor.userId, actorKind: "user", accountId: input.accountId, action: "member.invite", targetType: "invitation", targetId: inv.id, data: { email, role: input.role }, ip: actor.ip });
    return { invitationId: inv.id };
  });
}

export async function revokeInvitation(db: Db, actor: Actor, input: { accountId: string; invitationId: string }) {
  return withTx(db, async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: clockNow() })
      .where(and(eq(invitations.id, input.invitationId), eq(invitations.accountId, input.accountId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    if (!row) throw new AppError("NOT_FOUND", "Not found.");
    await audit(tx, { actorUserId: actor.userId, actorKind: "user", accountId: input.accountId, action: "member.invitation_revoke", targetType: "invitation", targetId: row.id, ip: actor.ip });
  });
}

export async function changeRole(db: Db, actor: Actor, input: { accountId: string; userId: string; role: MemberRole }) {
  mayAssign(actor, input.role);
  return withTx(db, async (tx) => {
    const t = tx as unknown as Db;
    await lockAccount(t, input.accountId);
    const target = await findMembership(tx, { accountId: input.accountId, userId: input.userId });
    if (!target) throw new AppError("NOT_FOUND", "Not found.");
    if (target.role === "owner" && actor.role !== "owner") throw new AppError("FORBIDDEN", "Only an owner can change an owner's role.");
    if (target.role === input.role) return;
    if (target.role === "owner" && (await countOwners(tx, { accountId: input.accountId })) <= 1) {
      throw new AppError("LAST_OWNER", "An account must keep at least one owner.");
    }
    await tx.update(memberships).set({ role: input.role }).where(and(eq(memberships.accountId, input.accountId), eq(memberships.userId, input.userId)));
    await audit(tx, { actorUserId: actor.userId, actorKind: "user", accountId: input.accountId, action: "member.role_change", targetType: "user", targetId: input.userId, data: { from: target.role, to: input.role }, ip: actor.ip });
  });
}

export async function removeMember(db: Db, actor: Actor, input: { accountId: string; userId: string }) {
  return withTx(db, async (tx) => {
    const t = tx as unknown as Db;
    await lockAccount(t, input.accountId);
    const target = await findMembership(tx, { accountId: input.accountId, userId: input.userId });
    if (!target) throw new AppError("NOT_FOUND", "Not found.");
    if (target.role === "owner" && actor.role !== "owner") throw new AppError("FORBIDDEN", "Only an owner can remove an owner.");
    if (target.role === "owner" && (await countOwners(tx, { accountId: input.accountId })) <= 1) {
      throw new AppError("LAST_OWNER", "An account must keep at least one owner.");
    }
    await tx.delete(memberships).where(and(eq(memberships.accountId, input.accountId), eq(memberships.userId, input.userId)));
    // Removed means out now: every session of theirs ends (they sign in again to reach their other accounts).
    const sessions = await endAllSessions(tx, input.userId, { reason: "removed" });
    await audit(tx, { actorUserId: actor.userId, actorKind: "user", accountId: input.accountId, action: "member.remove", targetType: "user", targetId: input.userId, data: { role: target.role, sessionsEnded: sessions }, ip: actor.ip });
  });
}
