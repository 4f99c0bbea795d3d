import { and, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { paymentMethods, paymentRefunds, payments } from "@/db/schema";
import { isUuid } from "./memberships";

/** What a row of the payments history is: a payment by its purpose, or a refund of one. */
export const PAYMENT_KINDS = ["top_up", "auto_recharge", "invoice", "overrun", "refund"] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];
/** Payments and refunds share these four states. */
export const PAYMENT_STATUSES = ["pending", "succeeded", "failed", "unknown"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export interface PaymentHistoryFilters {
  accountId: string;
  /** Inclusive start. */
  from?: Date;
  /** Exclusive end. */
  to?: Date;
  kind?: PaymentKind;
  status?: PaymentStatus;
}

export interface PaymentHistoryRow {
  id: string;
  kind: PaymentKind;
  status: PaymentStatus;
  createdAt: Date;
  settledAt: Date | null;
  /** Money in (payments: the amount received when staff confirmed a different one) or out (refunds, negative). */
  amount: bigint;
  provider: "test" | "stripe" | "bank_transfer";
  methodKind: string | null;
  methodLabel: string | null;
  /** The refunded payment (refunds) or the payment itself. */
  paymentId: string;
  /** Keyset position: microsecond UTC time and id, as the database orders them. */
  key: string;
}

const KEY_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6})_([0-9a-f-]{36})$/;
const utcKey = (column: unknown) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

function keysetBefore(cursor: string | null | undefined, createdAt: unknown, id: unknown): SQL | undefined {
  const m = cursor ? KEY_RE.exec(cursor) : null;
  return m ? sql`(${createdAt}, ${id}) < ((${m[1]}::timestamp at time zone 'UTC'), ${m[2]}::uuid)` : undefined;
}

/** What both tables are filtered by: the account, the period, the status and the page's position. */
function scoped(t: typeof payments | typeof paymentRefunds, f: PaymentHistoryFilters, cursor: string | null | undefined, ...more: (SQL | undefined)[]): SQL | undefined {
  return and(
    eq(t.accountId, f.accountId),
    f.from ? gte(t.createdAt, f.from) : undefined,
    f.to ? lt(t.createdAt, f.to) : undefined,
    f.status ? eq(t.status, f.status) : undefined,
    keysetBefore(cursor, t.createdAt, t.id),
    ...more,
  );
}

async function paymentRows(db: DbOrTx, f: PaymentHistoryFilters, cursor: string | null | undefined, limit: number): Promise<PaymentHistoryRow[]> {
  if (f.kind === "refund") return [];
  const rows = await db
    .select({
      id: payments.id,
      kind: payments.purpose,
      status: payments.status,
      createdAt: payments.createdAt,
      settledAt: payments.settledAt,
      amount: sql<string>`coalesce(${payments.receivedAmount}, ${payments.amount})::text`,
      provider: payments.provider,
      methodKind: paymentMethods.kind,
      methodLabel: paymentMethods.label,
      key: utcKey(payments.createdAt),
    })
    .from(payments)
    .leftJoin(paymentMethods, eq(paymentMethods.id, payments.methodId))
    .where(scoped(payments, f, cursor, f.kind ? eq(payments.purpose, f.kind) : undefined))
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, amount: BigInt(r.amount), paymentId: r.id, key: `${r.key}_${r.id}` }));
}

async function refundRows(db: DbOrTx, f: PaymentHistoryFilters, cursor: string | null | undefined, limit: number): Promise<PaymentHistoryRow[]> {
  if (f.kind && f.kind !== "refund") return [];
  const rows = await db
    .select({
      id: paymentRefunds.id,
      status: paymentRefunds.status,
      createdAt: paymentRefunds.createdAt,
      settledAt: paymentRefunds.settledAt,
      amount: paymentRefunds.amount,
      provider: payments.provider,
      methodKind: paymentMethods.kind,
      methodLabel: paymentMethods.label,
      paymentId: paymentRefunds.paymentId,
      key: utcKey(paymentRefunds.createdAt),
    })
    .from(paymentRefunds)
    .innerJoin(payments, eq(payments.id, paymentRefunds.paymentId))
    .leftJoin(paymentMethods, eq(paymentMethods.id, payments.methodId))
    .where(scoped(paymentRefunds, f, cursor))
    .orderBy(desc(paymentRefunds.createdAt), desc(paymentRefunds.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, kind: "refund" as const, amount: -r.amount, key: `${r.key}_${r.id}` }));
}

/**
 * The account's payments and refunds, newest first, a page at a time (keyset: stable while
 * new payments arrive). Each of the two tables gives at most a page; the merge keeps the
 * newest. Always scoped to `accountId`.
 */
export async function listPaymentHistory(db: DbOrTx, opts: PaymentHistoryFilters & { limit?: number; cursor?: string | null }): Promise<{ rows: PaymentHistoryRow[]; nextCursor: string | null }> {
  if (!isUuid(opts.accountId)) return { rows: [], nextCursor: null };
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 25), 1), 500);
  const [a, b] = await Promise.all([paymentRows(db, opts, opts.cursor, limit + 1), refundRows(db, opts, opts.cursor, limit + 1)]);
  const merged = [...a, ...b].sort((x, y) => (x.key < y.key ? 1 : x.key > y.key ? -1 : 0));
  const page = merged.slice(0, limit);
  return { rows: page, nextCursor: merged.length > limit ? page[page.length - 1]!.key : null };
}
