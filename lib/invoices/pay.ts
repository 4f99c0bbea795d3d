import { and, eq, inArray, isNull, like, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getInvoice } from "@/db/queries/invoices";
import { invoiceSettlements, paymentMethods, payments } from "@/db/schema";
import { withTx } from "@/lib/billing/tx";
import { AppError } from "@/lib/errors";
import { type Actor, topUp } from "@/lib/ledger";
import { MICROS_PER_CENT } from "@/lib/money";
import type { PaymentProvider } from "@/lib/payments/provider";
import { TestPaymentProvider } from "@/lib/payments/test-provider";

const builtIn: Record<string, PaymentProvider> = { test: new TestPaymentProvider() };

export type PayInvoiceResult =
  | { status: "succeeded"; paymentId: string; amount: bigint }
  | { status: "declined" | "insufficient_funds"; paymentId: string; message: string }
  | { status: "unknown"; paymentId: string };

/**
 * Pays what is still due on an invoice with a saved payment method, through the payment
 * provider interface. The payment row (purpose "invoice", key `invoice:<id>:<request>`) is
 * written first, under a lock on the invoice that also refuses a second payment while one
 * is open, so a double click or two tabs never charge twice. On success the money is
 * topped up to the balance (key `payment:<payment id>`, the same as every card payment)
 * and recorded against the invoice, in one transaction. The invoice itself never changes.
 */
export async function payInvoice(
  db: Db,
  input: { accountId: string; invoiceId: string; methodId: string; requestKey: string; actor: Actor },
  opts: { provider?: PaymentProvider; now?: Date } = {},
): Promise<PayInvoiceResult> {
  const idempotencyKey = `invoice:${input.invoiceId}:${input.requestKey}`;
  const prepared = await withTx(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`invoice-pay:${input.invoiceId}`}, 0))`);
    const [prior] = await tx.select().from(payments).where(eq(payments.idempotencyKey, idempotencyKey));
    const data = await getInvoice(tx, { accountId: input.accountId, invoiceId: input.invoiceId, now: opts.now });
    if (!data) throw new AppError("NOT_FOUND", "Not found.");
    const [method] = await tx
      .select()
      .from(paymentMethods)
      .where(and(eq(paymentMethods.id, input.methodId), eq(paymentMethods.accountId, input.accountId), isNull(paymentMethods.removedAt)));
    if (!method || method.kind === "bank_transfer") throw new AppError("VALIDATION", "That payment method is not available.", { methodId: ["That payment method is not available."] });
    if (prior) return { payment: prior, method };
    const outstanding = data.invoice.amountDue - data.invoice.settled;
    if (outstanding <= 0n) throw new AppError("CONFLICT", "This invoice is already paid.");
    const open = await tx
      .select({ id: payments.id })
      .from(payments)
      .where(and(eq(payments.accountId, input.accountId), like(payments.idempotencyKey, `invoice:${input.invoiceId}:%`), inArray(payments.status, ["pending", "unknown"])));
    if (open.length) throw new AppError("CONFLICT", "A payment of this invoice is already in progress.");
    // Cards take cents: round what is due up to the next cent.
    const amount = ((outstanding + MICROS_PER_CENT - 1n) / MICROS_PER_CENT) * MICROS_PER_CENT;
    const [payment] = await tx
      .insert(payments)
      .values({ accountId: input.accountId, methodId: method.id, provider: method.provider, amount, purpose: "invoice", idempotencyKey, ...(opts.now ? { createdAt: opts.now, updatedAt: opts.now } : {}) })
      .returning();
    return { payment: payment!, method };
  });
  const { payment, method } = prepared;
  if (payment.status === "succeeded") return { status: "succeeded", paymentId: payment.id, amount: payment.amount };
  if (payment.status === "failed") return { status: "declined", paymentId: payment.id, message: payment.error ?? "" };

  const provider = opts.provider ?? builtIn[method.provider];
  if (!provider) throw new AppError("VALIDATION", "That payment method is not available.", { methodId: ["That payment method is not available."] });
  const outcome = await provider.charge({ token: method.providerToken, amount: payment.amount, currency: "USD", idempotencyKey, description: "Billing Center: invoice payment" });
  const now = opts.now ?? new Date();
  if (outcome.status === "succeeded") {
    await withTx(db, async (tx) => {
      const posted = await topUp(tx, { accountId: input.accountId, amount: payment.amount, provider: method.provider, idempotencyKey: `payment:${payment.id}`, actor: input.actor, description: "Invoice payment" });
      await tx.update(payments).set({ status: "succeeded", providerPaymentId: outcome.providerPaymentId, ledgerTransactionId: posted.transactionId, settledAt: now, updatedAt: now }).where(eq(payments.id, payment.id));
      await tx.insert(invoiceSettlements).values({ invoiceId: input.invoiceId, paymentId: payment.id, amount: payment.amount, createdAt: now }).onConflictDoNothing();
    });
    return { status: "succeeded", paymentId: payment.id, amount: payment.amount };
  }
  if (outcome.status === "unknown") {
    await db.update(payments).set({ status: "unknown", providerPaymentId: outcome.providerPaymentId, updatedAt: now }).where(eq(payments.id, payment.id));
    return { status: "unknown", paymentId: payment.id };
  }
  await db.update(payments).set({ status: "failed", providerPaymentId: outcome.providerPaymentId ?? null, error: outcome.message, updatedAt: now }).where(eq(payments.id, payment.id));
  return { status: outcome.status, paymentId: payment.id, message: outcome.message };
}
