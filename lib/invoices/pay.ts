import { and, eq, inArray, isNull, like, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getInvoice } from "./read";
import { paymentMethods, payments } from "@/db/schema";
import { withTx } from "@/db/tx";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/ledger";
import { MICROS_PER_CENT } from "@/lib/money";
import { processPayment } from "@/lib/payments/pay";
import type { PaymentProvider } from "@/lib/payments/provider";
import { providerAvailable } from "@/lib/payments/registry";
import { invoicePaymentKey } from "./settlement";
import { outstandingAmount } from "./status";

export type PayInvoiceResult =
  | { status: "succeeded"; paymentId: string; amount: bigint }
  | { status: "declined" | "insufficient_funds"; paymentId: string; message: string }
  | { status: "unknown"; paymentId: string };

/**
 * Pays what is still due on an invoice with a saved payment method, through the payment
 * provider interface. The payment row (purpose "invoice", key `invoice:<id>:<request>`) is
 * written first, under a lock on the invoice that also refuses a second payment while one
 * is open, so a double click or two tabs never charge twice. Then the payments flow charges
 * it (processPayment): on success settlePayment tops the money up to the balance (key
 * `payment:<payment id>`) and records it against the invoice (recordInvoiceSettlement) in
 * one transaction — and so does a webhook or reconciliation when the provider answers
 * later. The invoice itself never changes.
 */
export async function payInvoice(
  db: Db,
  input: { accountId: string; invoiceId: string; methodId: string; requestKey: string; actor: Actor },
  opts: { provider?: PaymentProvider; now?: Date } = {},
): Promise<PayInvoiceResult> {
  const idempotencyKey = invoicePaymentKey(input.invoiceId, input.requestKey);
  const { payment, method } = await withTx(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`invoice-pay:${input.invoiceId}`}, 0))`);
    const [prior] = await tx.select().from(payments).where(eq(payments.idempotencyKey, idempotencyKey));
    const data = await getInvoice(tx, { accountId: input.accountId, invoiceId: input.invoiceId, now: opts.now });
    if (!data) throw new AppError("NOT_FOUND", "Not found.");
    const [method] = await tx
      .select()
      .from(paymentMethods)
      .where(and(eq(paymentMethods.id, input.methodId), eq(paymentMethods.accountId, input.accountId), isNull(paymentMethods.removedAt)));
    if (!method || method.kind === "bank_transfer" || (!opts.provider && !providerAvailable(method.provider))) throw new AppError("VALIDATION", "That payment method is not available.", { methodId: ["That payment method is not available."] });
    if (prior) return { payment: prior, method };
    const outstanding = outstandingAmount(data.invoice);
    if (outstanding === 0n) throw new AppError("CONFLICT", "This invoice is already paid.");
    const open = await tx
      .select({ id: payments.id })
      .from(payments)
      .where(and(eq(payments.accountId, input.accountId), like(payments.idempotencyKey, `invoice:${input.invoiceId}:%`), inArray(payments.status, ["pending", "unknown"])));
    if (open.length) throw new AppError("CONFLICT", "A payment of this invoice is already in progress.");
    // Cards take cents: round what is due up to the next cent.
    const amount = ((outstanding + MICROS_PER_CENT - 1n) / MICROS_PER_CENT) * MICROS_PER_CENT;
    const userId = input.actor.kind === "user" ? (input.actor.userId ?? null) : null;
    const [payment] = await tx
      .insert(payments)
      .values({ accountId: input.accountId, methodId: method.id, provider: method.provider, amount, purpose: "invoice", idempotencyKey, userId, ...(opts.now ? { createdAt: opts.now, updatedAt: opts.now } : {}) })
      .returning();
    return { payment: payment!, method };
  });

  const r = await processPayment(db, payment, method, { provider: opts.provider, now: opts.now });
  if (r.status === "succeeded") return { status: "succeeded", paymentId: payment.id, amount: r.payment.amount };
  if (r.status === "failed") return { status: r.declineCode ?? "declined", paymentId: payment.id, message: r.message ?? r.payment.error ?? "" };
  return { status: "unknown", paymentId: payment.id };
}
