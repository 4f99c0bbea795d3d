import { and, count, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { ledgerAccounts, ledgerEntries, ledgerTransactions } from "@/db/schema";
import { isUuid } from "./memberships";


export interface TransactionFilters {
  accountId: string;
  /** Inclusive start of the period. */
  from?: Date;
  /** Exclusive end of the period. */
  to?: Date;
  types?: string[];
  orderNo?: string;
  resourceId?: string;
  createdByUserId?: string;
}

export interface ListTransactionsOptions extends TransactionFilters {
  /** Page size, 1..500 (default 50). */
  limit?: number;
  /** `nextCursor` of the previous page (keyset: stable while new postings arrive). */
  cursor?: string | null;
  /** Alternative to the cursor, for numbered pages. */
  offset?: number;
}

/** One ledger movement as the customer sees it: its effect on their cash and frozen funds. */
export interface LedgerMovement {
  id: string;
  seq: bigint;
  createdAt: Date;
  type: string;
  description: string;
  /** Change of the account balance (cash); 0 when the movement did not touch it. */
  amount: bigint;
  /** Cash balance right after this movement; null when it did not touch cash. */
  balanceAfter: bigint | null;
  /** Change of frozen funds (a hold is +, a release −). */
  frozenAmount: bigint;
  holdId: string | null;
  orderNo: string | null;
  resourceId: string | null;
  createdByUserId: string | null;
  /** The posting's idempotency key: a billing batch's names the charges it carried. */
  idempotencyKey: string;
}

const toBigint = (v: unknown) => BigInt(v as string);
const toBigintOrNull = (v: unknown) => (v === null || v === undefined ? null : BigInt(v as string));

function conditions(f: TransactionFilters): SQL[] {
  const t = ledgerTransactions;
  const where: SQL[] = [eq(t.accountId, f.accountId)];
  if (f.from) where.push(gte(t.createdAt, f.from));
  if (f.to) where.push(lt(t.createdAt, f.to));
  if (f.types?.length) where.push(inArray(t.type, f.types));
  if (f.orderNo) where.push(eq(t.orderNo, f.orderNo));
  if (f.resourceId) where.push(eq(t.resourceId, f.resourceId));
  if (f.createdByUserId && isUuid(f.createdByUserId)) where.push(eq(t.createdByUserId, f.createdByUserId));
  return where;
}

/**
 * The account's ledger movements, newest first. Always scoped to `accountId`: another
 * account's transactions never come back, whatever the other filters say.
 */
export async function listTransactions(db: DbOrTx, opts: ListTransactionsOptions): Promise<{ rows: LedgerMovement[]; nextCursor: string | null }> {
  if (!isUuid(opts.accountId)) return { rows: [], nextCursor: null };
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 50), 1), 500);
  const t = ledgerTransactions;
  const e = ledgerEntries;
  const la = ledgerAccounts;
  const where = conditions(opts);
  if (opts.cursor) {
    if (!/^\d{1,19}$/.test(opts.cursor)) return { rows: [], nextCursor: null };
    where.push(lt(t.seq, BigInt(opts.cursor)));
  }
  const rows = await db
    .select({
      id: t.id,
      seq: t.seq,
      createdAt: t.createdAt,
      type: t.type,
      description: t.description,
      amount: sql`coalesce(sum(${e.amount}) filter (where ${la.kind} = 'cash'), 0)::text`.mapWith(toBigint),
      balanceAfter: sql`(max(${e.balanceAfter}) filter (where ${la.kind} = 'cash'))::text`.mapWith(toBigintOrNull),
      frozenAmount: sql`coalesce(sum(${e.amount}) filter (where ${la.kind} = 'frozen'), 0)::text`.mapWith(toBigint),
      holdId: t.holdId,
      orderNo: t.orderNo,
      resourceId: t.resourceId,
      createdByUserId: t.createdByUserId,
      idempotencyKey: t.idempotencyKey,
    })
    .from(t)
    .leftJoin(e, eq(e.transactionId, t.id))
    // Only the customer's own ledger accounts count towards what the row shows.
    .leftJoin(la, and(eq(la.id, e.ledgerAccountId), eq(la.accountId, t.accountId)))
    .where(and(...where))
    .groupBy(t.id)
    .orderBy(desc(t.seq))
    .limit(limit + 1)
    .offset(opts.cursor ? 0 : Math.max(Math.trunc(opts.offset ?? 0), 0));
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit ? page[page.length - 1]!.seq.toString() : null };
}

/** How many movements match, for "page N of M". */
export async function countTransactions(db: DbOrTx, filters: TransactionFilters): Promise<number> {
  if (!isUuid(filters.accountId)) return 0;
  const [row] = await db.select({ n: count() }).from(ledgerTransactions).where(and(...conditions(filters)));
  return row?.n ?? 0;
}

