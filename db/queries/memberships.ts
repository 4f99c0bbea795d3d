import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, invitations, memberships, users } from "@/db/schema";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

/** The user's role in the account, or null: a non-member sees the account as "not found". */
export async function findMembership(db: DbOrTx, { accountId, userId }: { accountId: string; userId: string }) {
  if (!isUuid(accountId)) return null;
  const [row] = await db
    .select({ accountId: accounts.id, accountName: accounts.name, role: memberships.role })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(and(eq(memberships.accountId, accountId), eq(memberships.userId, userId)));
  return row ?? null;
}

export async function listUserAccounts(db: DbOrTx, { userId }: { userId: string }) {
  return db
    .select({ id: accounts.id, name: accounts.name, role: memberships.role })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(accounts.name));
}

export async function listMembers(db: DbOrTx, { accountId }: { accountId: string }) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.accountId, accountId))
    .orderBy(asc(users.email));
}

/** For staff: each member's user, whether it is disabled, and whether it is a staff user (never disabled from a customer's page). */
export async function listMembersWithAccess(db: DbOrTx, { accountId }: { accountId: string }) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, disabled: users.disabled, staff: sql<boolean>`${users.staffRole} is not null` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.accountId, accountId))
    .orderBy(asc(users.email));
}

export async function countOwners(db: DbOrTx, { accountId }: { accountId: string }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.accountId, accountId), eq(memberships.role, "owner")));
  return row?.n ?? 0;
}

/** Admins and finance members: who gets money emails (alerts, invoices, overdue notices). */
export async function listBillingContacts(db: DbOrTx, { accountId }: { accountId: string }) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, locale: users.locale, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.accountId, accountId), sql`${memberships.role} in ('owner','admin','finance')`, eq(users.disabled, false)));
}

export async function listPendingInvitations(db: DbOrTx, { accountId, now }: { accountId: string; now: Date }) {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.accountId, accountId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .orderBy(asc(invitations.createdAt));
}
