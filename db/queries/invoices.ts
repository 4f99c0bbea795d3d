import { and, asc, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { invoiceDocuments, invoiceLines, invoices } from "@/db/schema";
import { type InvoiceStatus, invoiceStatus } from "@/lib/invoices/status";

export interface InvoiceFilters {
  accountId: string;
  /** Periods YYYY-MM, both ends included. */
  from?: string;
  to?: string;
  status?: InvoiceStatus;
  now?: Date;
}

// Written out qualified: Drizzle leaves columns of a one-table select unqualified, which inside these subqueries would mean s.id.
/** Payments made against the invoice (its Pay button, settled at once or later). */
const paidAgainstSql = sql`coalesce((select sum(s.amount) from invoice_settlements s where s.invoice_id = "invoices"."id"), 0)`;
/** What the account owes today: its cash balance below zero. */
const owedNowSql = sql`greatest(0, -coalesce((select c.balance from ledger_accounts c where c.account_id = "invoices"."account_id" and c.kind = 'cash'), 0))`;
/** What was charged to cash after the invoice's period. */
const chargedSinceSql = sql`coalesce((select -sum(e.amount) from ledger_transactions t
  join ledger_entries e on e.transaction_id = t.id
  join ledger_accounts a on a.id = e.ledger_account_id and a.kind = 'cash'
  where t.account_id = "invoices"."account_id" and t.type in ('usage', 'subscription') and t.created_at >= "invoices"."period_end"), 0)`;
/**
 * The part of the amount due that has been paid since the invoice was issued. Money that
 * reaches the balance pays the oldest debt first, as a cloud account's balance does: a
 * top-up made anywhere (the top-up page, auto-recharge, a wire) settles unpaid invoices.
 * Of what the account owes today, the newest part belongs to the charges made after this
 * invoice's period; only what is left of it, up to the amount due, is still open on this
 * invoice. Payments made against the invoice count in full (a card pays whole cents).
 */
// An invoice the balance paid at issue (nothing due) is settled by its payments alone (the
// formula gives the same), and the sum over the charges since its period is not run: it
// reads all of the account's postings, so it grows with the history (0.4-0.9 s for the
// overview's latest three on a 5-year account).
const settledSql = sql<string>`case when "invoices"."amount_due" = 0 then ${paidAgainstSql}
  else greatest(${paidAgainstSql}, "invoices"."amount_due" - least("invoices"."amount_due", greatest(0, ${owedNowSql} - ${chargedSinceSql}))) end`;

function where(f: InvoiceFilters): SQL | undefined {
  const now = (f.now ?? new Date()).toISOString();
  const statusSql =
    f.status === "paid"
      ? sql`${invoices.amountDue} <= ${settledSql}`
      : f.status === "overdue"
        ? sql`${invoices.amountDue} > ${settledSql} and ${invoices.dueAt} < ${now}::timestamptz`
        : f.status === "unpaid"
          ? sql`${invoices.amountDue} > ${settledSql} and ${invoices.dueAt} >= ${now}::timestamptz`
          : undefined;
  return and(eq(invoices.accountId, f.accountId), f.from ? gte(invoices.period, f.from) : undefined, f.to ? lte(invoices.period, f.to) : undefined, statusSql);
}

export type InvoiceRow = typeof invoices.$inferSelect & { settled: bigint; status: InvoiceStatus };

function withStatus(r: typeof invoices.$inferSelect & { settled: string }, now: Date): InvoiceRow {
  const settled = BigInt(r.settled);
  return { ...r, settled, status: invoiceStatus(r, settled, now) };
}

/** An account's invoices, newest period first. */
export async function listInvoices(db: DbOrTx, f: InvoiceFilters & { limit: number; offset?: number }): Promise<InvoiceRow[]> {
  const rows = await db
    .select({ inv: invoices, settled: settledSql })
    .from(invoices)
    .where(where(f))
    .orderBy(desc(invoices.period))
    .limit(f.limit)
    .offset(f.offset ?? 0);
  return rows.map((r) => withStatus({ ...r.inv, settled: String(r.settled) }, f.now ?? new Date()));
}

export async function countInvoices(db: DbOrTx, f: InvoiceFilters): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(invoices).where(where(f));
  return Number(row?.n ?? 0);
}

/** One invoice of the account with its lines; null when it is not this account's. */
export async function getInvoice(db: DbOrTx, { accountId, invoiceId, now = new Date() }: { accountId: string; invoiceId: string; now?: Date }) {
  if (!/^[0-9a-f-]{36}$/i.test(invoiceId)) return null;
  const [row] = await db
    .select({ inv: invoices, settled: settledSql })
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.accountId, accountId)));
  if (!row) return null;
  const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(asc(invoiceLines.position));
  return { invoice: withStatus({ ...row.inv, settled: String(row.settled) }, now), lines };
}

export type InvoiceWithLines = NonNullable<Awaited<ReturnType<typeof getInvoice>>>;

/** Staff: any account's invoice. */
export async function getInvoiceForStaff(db: DbOrTx, { invoiceId, now = new Date() }: { invoiceId: string; now?: Date }) {
  if (!/^[0-9a-f-]{36}$/i.test(invoiceId)) return null;
  const [row] = await db.select({ accountId: invoices.accountId }).from(invoices).where(eq(invoices.id, invoiceId));
  return row ? getInvoice(db, { accountId: row.accountId, invoiceId, now }) : null;
}

export async function getStoredPdf(db: DbOrTx, { invoiceId }: { invoiceId: string }) {
  const [doc] = await db.select().from(invoiceDocuments).where(eq(invoiceDocuments.invoiceId, invoiceId));
  return doc ?? null;
}

/** Staff: the latest invoices of every account. */
export async function listAllInvoices(db: DbOrTx, { limit, now = new Date() }: { limit: number; now?: Date }) {
  const rows = await db.select({ inv: invoices, settled: settledSql }).from(invoices).orderBy(desc(invoices.createdAt), desc(invoices.number)).limit(limit);
  return rows.map((r) => withStatus({ ...r.inv, settled: String(r.settled) }, now));
}
