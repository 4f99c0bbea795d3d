import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { invoiceDocuments, invoiceLines } from "@/db/schema";

// An invoice with what settled it and its status is a money rule's read: lib/invoices/read.ts.

/** An invoice's lines in their order (the caller has checked the invoice is the account's). */
export async function invoiceLinesOf(db: DbOrTx, { invoiceId }: { invoiceId: string }) {
  return db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(asc(invoiceLines.position));
}

export async function getStoredPdf(db: DbOrTx, { invoiceId }: { invoiceId: string }) {
  const [doc] = await db.select().from(invoiceDocuments).where(eq(invoiceDocuments.invoiceId, invoiceId));
  return doc ?? null;
}
