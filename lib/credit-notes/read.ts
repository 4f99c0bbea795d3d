import "server-only";
import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { isUuid } from "@/db/queries/memberships";
import { creditNotes, invoices } from "@/db/schema";

export type CreditNoteRow = typeof creditNotes.$inferSelect;

/** The credit notes of some of an account's invoices (the invoices list's page), oldest first per invoice. */
export async function creditNotesOfInvoices(db: DbOrTx, { accountId, invoiceIds }: { accountId: string; invoiceIds: string[] }) {
  if (invoiceIds.length === 0) return [];
  return db
    .select()
    .from(creditNotes)
    .where(and(eq(creditNotes.accountId, accountId), inArray(creditNotes.invoiceId, invoiceIds)))
    .orderBy(asc(creditNotes.issuedAt), asc(creditNotes.number));
}

/** An account's credit notes on invoices of periods from..to (YYYY-MM, both included), newest first, with their invoice's number. */
export async function listCreditNotes(db: DbOrTx, f: { accountId: string; from?: string; to?: string; limit: number; offset?: number }) {
  return db
    .select({ note: creditNotes, invoiceNumber: invoices.number, period: invoices.period })
    .from(creditNotes)
    .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
    .where(and(eq(creditNotes.accountId, f.accountId), f.from ? gte(invoices.period, f.from) : undefined, f.to ? lte(invoices.period, f.to) : undefined))
    .orderBy(desc(invoices.period), desc(creditNotes.number))
    .limit(f.limit)
    .offset(f.offset ?? 0);
}

async function noteWithInvoice(db: DbOrTx, where: SQL | undefined) {
  const [row] = await db.select({ note: creditNotes, invoice: invoices }).from(creditNotes).innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId)).where(where);
  return row ?? null;
}

/** One credit note of the account with its invoice; null when it is not this account's (or not that invoice's). */
export async function getCreditNote(db: DbOrTx, { accountId, creditNoteId, invoiceId }: { accountId: string; creditNoteId: string; invoiceId: string }) {
  if (!isUuid(creditNoteId) || !isUuid(invoiceId)) return null;
  return noteWithInvoice(db, and(eq(creditNotes.id, creditNoteId), eq(creditNotes.accountId, accountId), eq(creditNotes.invoiceId, invoiceId)));
}

/** Staff: any account's credit note of that invoice. */
export async function getCreditNoteForStaff(db: DbOrTx, { creditNoteId, invoiceId }: { creditNoteId: string; invoiceId: string }) {
  if (!isUuid(creditNoteId) || !isUuid(invoiceId)) return null;
  return noteWithInvoice(db, and(eq(creditNotes.id, creditNoteId), eq(creditNotes.invoiceId, invoiceId)));
}

/** An issued invoice that can still be credited, for the staff forms' "credits invoice" choice. */
export interface CreditableInvoice {
  id: string;
  number: string;
  period: string;
  /** Its total less its credit notes (tax included), in micro-dollars. */
  remaining: bigint;
}

/** How many of an account's invoices the staff forms offer: the newest that still have something to credit. */
export const CREDITABLE_LIMIT = 24;

/** An account's issued invoices that still have an amount to credit, newest first (at most `CREDITABLE_LIMIT`). */
export async function creditableInvoices(db: DbOrTx, { accountId }: { accountId: string }): Promise<CreditableInvoice[]> {
  // Written out: inside a selected field drizzle would name the note's columns without their table.
  const credited = sql<bigint>`coalesce((select sum(n.total) from credit_notes n where n.invoice_id = "invoices"."id"), 0)`;
  const rows = await db
    .select({ id: invoices.id, number: invoices.number, period: invoices.period, total: invoices.total, credited: credited.mapWith(BigInt) })
    .from(invoices)
    .where(and(eq(invoices.accountId, accountId), sql`${invoices.total} > ${credited}`))
    .orderBy(desc(invoices.period), desc(invoices.number))
    .limit(CREDITABLE_LIMIT);
  return rows.map((r) => ({ id: r.id, number: r.number, period: r.period, remaining: r.total - r.credited }));
}
