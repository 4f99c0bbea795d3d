/**
 * An account's invoices with what has settled each and their status: the reads that carry
 * the money rules (settledSql's "oldest debt first", invoiceStatus), so they live with the
 * rules rather than in db/queries. Status is as of `now`, the clock's unless given.
 */
import { and, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { invoiceLinesOf } from "@/db/queries/invoices";
import { isUuid } from "@/db/queries/memberships";
import { invoices } from "@/db/schema";
import { clockNow } from "@/lib/clock";
import { settledSql } from "./settled";
import { type InvoiceStatus, invoiceStatus } from "./status";

/** Which of an account's invoices: by period and by status as of `now`. */
export interface InvoiceFilters {
  accountId: string;
  /** Periods YYYY-MM, both ends included. */
  from?: string;
  to?: string;
  status?: InvoiceStatus;
  now?: Date;
}

function where(f: InvoiceFilters, now: Date): SQL | undefined {
  const at = now.toISOString();
  const statusSql =
    f.status === "paid"
      ? sql`${invoices.amountDue} <= ${settledSql}`
      : f.status === "overdue"
        ? sql`${invoices.amountDue} > ${settledSql} and ${invoices.dueAt} < ${at}::timestamptz`
        : f.status === "unpaid"
          ? sql`${invoices.amountDue} > ${settledSql} and ${invoices.dueAt} >= ${at}::timestamptz`
          : undefined;
  return and(eq(invoices.accountId, f.accountId), f.from ? gte(invoices.period, f.from) : undefined, f.to ? lte(invoices.period, f.to) : undefined, statusSql);
}

export type InvoiceRow = typeof invoices.$inferSelect & { settled: bigint; status: InvoiceStatus };

function withStatus(r: { inv: typeof invoices.$inferSelect; settled: unknown }, now: Date): InvoiceRow {
  const settled = BigInt(String(r.settled));
  return { ...r.inv, settled, status: invoiceStatus(r.inv, settled, now) };
}

/** An account's invoices, newest period first. */
export async function listInvoices(db: DbOrTx, f: InvoiceFilters & { limit: number; offset?: number }): Promise<InvoiceRow[]> {
  const now = f.now ?? clockNow();
  const rows = await db
    .select({ inv: invoices, settled: settledSql })
    .from(invoices)
    .where(where(f, now))
    .orderBy(desc(invoices.period))
    .limit(f.limit)
    .offset(f.offset ?? 0);
  return rows.map((r) => withStatus(r, now));
}

export async function countInvoices(db: DbOrTx, f: InvoiceFilters): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(invoices).where(where(f, f.now ?? clockNow()));
  return Number(row?.n ?? 0);
}

/** One invoice of the account with its lines; null when it is not this account's. */
export async function getInvoice(db: DbOrTx, { accountId, invoiceId, now = clockNow() }: { accountId: string; invoiceId: string; now?: Date }) {
  if (!isUuid(invoiceId)) return null;
  const [row] = await db
    .select({ inv: invoices, settled: settledSql })
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.accountId, accountId)));
  if (!row) return null;
  return { invoice: withStatus(row, now), lines: await invoiceLinesOf(db, { invoiceId }) };
}

export type InvoiceWithLines = NonNullable<Awaited<ReturnType<typeof getInvoice>>>;

/** Staff: any account's invoice. */
export async function getInvoiceForStaff(db: DbOrTx, { invoiceId, now = clockNow() }: { invoiceId: string; now?: Date }) {
  if (!isUuid(invoiceId)) return null;
  const [row] = await db.select({ accountId: invoices.accountId }).from(invoices).where(eq(invoices.id, invoiceId));
  return row ? getInvoice(db, { accountId: row.accountId, invoiceId, now }) : null;
}

/** Staff: the latest invoices of every account. */
export async function listAllInvoices(db: DbOrTx, { limit, now = clockNow() }: { limit: number; now?: Date }) {
  const rows = await db.select({ inv: invoices, settled: settledSql }).from(invoices).orderBy(desc(invoices.createdAt), desc(invoices.number)).limit(limit);
  return rows.map((r) => withStatus(r, now));
}
