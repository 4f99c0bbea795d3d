import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { invoiceSettlements, invoices, type payments } from "@/db/schema";

type Payment = typeof payments.$inferSelect;

/** Key of a payment of an invoice: `invoice:<invoice id>:<request>` (lib/invoices/pay.ts). */
export const invoicePaymentKey = (invoiceId: string, requestKey: string) => `invoice:${invoiceId}:${requestKey}`;

/** The invoice a payment pays, read from its key; null for any other payment. */
export function invoiceIdOfPayment(p: Pick<Payment, "purpose" | "idempotencyKey">): string | null {
  if (p.purpose !== "invoice") return null;
  const m = /^invoice:([0-9a-f-]{36}):/i.exec(p.idempotencyKey);
  return m ? m[1]!.toLowerCase() : null;
}

/**
 * Records a settled payment of an invoice against that invoice. Called by settlePayment
 * (lib/payments/settle.ts) in the transaction that credits the money, whichever way the
 * outcome arrived: the provider's immediate answer, its webhook later, or reconciliation.
 * Once per payment (unique on payment id), and only against an invoice of the payer's
 * account.
 */
export async function recordInvoiceSettlement(tx: DbOrTx, p: Payment, now: Date): Promise<void> {
  const invoiceId = invoiceIdOfPayment(p);
  if (!invoiceId) return;
  const [invoice] = await tx
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.accountId, p.accountId)));
  if (!invoice) return;
  const amount = p.receivedAmount ?? p.amount;
  if (amount <= 0n) return;
  await tx.insert(invoiceSettlements).values({ invoiceId, paymentId: p.id, amount, createdAt: now }).onConflictDoNothing();
}
