import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { isUuid } from "@/db/queries/memberships";
import { accounts } from "@/db/schema";
import { EXTERNAL_ID_RULE } from "@/lib/accounts/schema";
import { AppError } from "@/lib/errors";
import { CreatedUuidPosition, page, pageQuery } from "./cursor";
import { type KeyContext, money } from "./handler";


type Account = typeof accounts.$inferSelect;

/** Only platform keys act on accounts as a whole; an account key is refused whatever it asks. */
export function requirePlatformKey(ctx: Pick<KeyContext, "keyKind">): void {
  if (ctx.keyKind !== "platform") throw new AppError("FORBIDDEN", "Creating, listing and reading accounts needs a platform key.");
}

export function accountJson(a: Account) {
  return { id: a.id, name: a.name, externalId: a.externalId, createdAt: a.createdAt.toISOString() };
}

const createdText = sql<string>`to_char(${accounts.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const ExternalIdFilter = z.string().trim().min(1, EXTERNAL_ID_RULE).max(200, EXTERNAL_ID_RULE);

/**
 * GET /api/v1/accounts: every customer account in creation order (oldest first, ties by id),
 * a page at a time; ?externalId= finds the one the platform created for its customer.
 */
export async function listAccountsPage(db: DbOrTx, query: URLSearchParams) {
  const { limit, after } = pageQuery(query, CreatedUuidPosition);
  const where: (SQL | undefined)[] = [];
  const ext = query.get("externalId");
  if (ext !== null) {
    const parsed = ExternalIdFilter.safeParse(ext);
    if (!parsed.success) throw new AppError("VALIDATION", EXTERNAL_ID_RULE, { externalId: [EXTERNAL_ID_RULE] });
    where.push(eq(accounts.externalId, parsed.data));
  }
  if (after) where.push(sql`(${accounts.createdAt}, ${accounts.id}) > (${after.created}::timestamptz, ${after.id}::uuid)`);
  const rows = await db
    .select({ account: accounts, created: createdText })
    .from(accounts)
    .where(and(...where))
    .orderBy(asc(accounts.createdAt), asc(accounts.id))
    .limit(limit + 1);
  const { items, nextCursor } = page(rows, limit, (r) => ({ created: r.created, id: r.account.id }));
  return { data: items.map((r) => accountJson(r.account)), nextCursor };
}

/** GET /api/v1/accounts/{accountId}: the account and its funds (one indexed read each), or 404. */
export async function accountWithFunds(db: DbOrTx, accountId: string) {
  if (!isUuid(accountId)) throw new AppError("NOT_FOUND", "Not found.");
  const [row] = await db.select().from(accounts).where(eq(accounts.id, accountId));
  if (!row) throw new AppError("NOT_FOUND", "Not found.");
  const b = await getBalances(db, { accountId });
  return { account: { ...accountJson(row), funds: { available: money(b.available), balance: money(b.balance), creditLimit: money(b.creditLimit), frozen: money(b.frozen) } } };
}
