import { and, asc, eq, gt, gte, lte } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { getStoredPdf } from "@/db/queries/invoices";
import { creditNotes, invoices } from "@/db/schema";
import { renderCreditNotePdf } from "@/lib/credit-notes/pdf/render";
import { buildCreditNoteViewModel } from "@/lib/credit-notes/view-model";
import type { ZipEntry } from "@/lib/zip/stream";
import { invoicePdf } from "./documents";
import { getInvoice } from "./read";

/** The longest period one ZIP may cover: two years of monthly invoices. */
export const ZIP_MAX_MONTHS = 24;

const Month = z.string({ error: "Choose the first and the last month." }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Months are written YYYY-MM.");
const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

/** `?from=2026-01&to=2026-06`: both months included, in order, at most ZIP_MAX_MONTHS. */
export const ZipPeriodSchema = z
  .object({ from: Month, to: Month })
  .refine((p) => p.from <= p.to, { message: "The period ends before it starts.", path: ["to"] })
  .refine((p) => monthIndex(p.to) - monthIndex(p.from) < ZIP_MAX_MONTHS, { message: `A ZIP covers at most ${ZIP_MAX_MONTHS} months.`, path: ["to"] });

export type ZipPeriod = z.infer<typeof ZipPeriodSchema>;

/** One issued invoice as a ZIP entry: its stored PDF (rendered and stored first if the job has not yet), read when the archive reaches it. */
export function invoiceZipEntry(db: DbOrTx, row: { id: string; accountId: string; number: string; issuedAt: Date }): ZipEntry {
  return {
    name: `${row.number}.pdf`,
    date: row.issuedAt,
    data: async () => {
      const stored = await getStoredPdf(db, { invoiceId: row.id });
      if (stored) return stored.pdf;
      const data = await getInvoice(db, { accountId: row.accountId, invoiceId: row.id });
      if (!data) throw new Error(`invoice ${row.id} vanished while zipping`);
      return (await invoicePdf(db, data)).pdf;
    },
  };
}

/** The account's invoices of the period, oldest first (one per month, so at most ZIP_MAX_MONTHS rows). */
async function* invoiceEntries(db: DbOrTx, accountId: string, p: ZipPeriod): AsyncGenerator<ZipEntry> {
  const rows = await db
    .select({ id: invoices.id, accountId: invoices.accountId, number: invoices.number, issuedAt: invoices.issuedAt })
    .from(invoices)
    .where(and(eq(invoices.accountId, accountId), gte(invoices.period, p.from), lte(invoices.period, p.to)))
    .orderBy(asc(invoices.period));
  for (const row of rows) yield invoiceZipEntry(db, row);
}

/**
 * The credit notes on the period's invoices (CN….pdf), as the invoices list shows them beside
 * their invoice; rendered from their immutable rows when the archive reaches each. Read by
 * keyset, 100 at a time: an invoice may have many.
 */
async function* creditNoteEntries(db: DbOrTx, accountId: string, p: ZipPeriod): AsyncGenerator<ZipEntry> {
  let after = "";
  for (;;) {
    const rows = await db
      .select({ id: creditNotes.id, number: creditNotes.number, issuedAt: creditNotes.issuedAt })
      .from(creditNotes)
      .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
      .where(and(eq(creditNotes.accountId, accountId), gte(invoices.period, p.from), lte(invoices.period, p.to), gt(creditNotes.number, after)))
      .orderBy(asc(creditNotes.number))
      .limit(100);
    for (const row of rows) {
      yield {
        name: `${row.number}.pdf`,
        date: row.issuedAt,
        data: async () => {
          const [r] = await db.select({ note: creditNotes, invoice: invoices }).from(creditNotes).innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId)).where(eq(creditNotes.id, row.id));
          return renderCreditNotePdf(buildCreditNoteViewModel(r!.note, r!.invoice));
        },
      };
    }
    if (rows.length < 100) return;
    after = rows[rows.length - 1]!.number;
  }
}

/** Everything the finance team files for the period: the invoices, then the credit notes. */
export async function* periodDocuments(db: DbOrTx, { accountId, period }: { accountId: string; period: ZipPeriod }): AsyncGenerator<ZipEntry> {
  yield* invoiceEntries(db, accountId, period);
  yield* creditNoteEntries(db, accountId, period);
}

/** The archive's name: invoices-2026-01-2026-06 (one month: invoices-2026-01). */
export const zipFilename = (p: ZipPeriod): string => (p.from === p.to ? `invoices-${p.from}` : `invoices-${p.from}-${p.to}`);

/** The picker's default: the twelve months before `now`'s (UTC), the last one already invoiced. */
export function defaultZipPeriod(now: Date): ZipPeriod {
  const month = (offset: number) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  };
  return { from: month(-12), to: month(-1) };
}
