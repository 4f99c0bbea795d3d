import "server-only";
import { asc, count, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, memberships } from "@/db/schema";

/** Every customer account with its number of members, for the staff console. */
export async function listAccountsWithMemberCounts(db: DbOrTx) {
  return db
    .select({ id: accounts.id, name: accounts.name, createdAt: accounts.createdAt, members: count(memberships.userId) })
    .from(accounts)
    .leftJoin(memberships, eq(memberships.accountId, accounts.id))
    .groupBy(accounts.id)
    .orderBy(asc(accounts.name));
}

/** A customer account's name, or null when there is no such account. */
export async function getAccountName(db: DbOrTx, accountId: string): Promise<string | null> {
  const [row] = await db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, accountId));
  return row?.name ?? null;
}
