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
