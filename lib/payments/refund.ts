import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { paymentRefunds, payments } from "@/db/schema";
import { isUniqueViolation, withTx } from "@/db/tx";
import { clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { post } from "@/lib/ledger";
import { formatMoney, type Micros } from "@/lib/money";
import type { PaymentProvider, RefundOutcome } from "./provider";
import { providerFor } from "./registry";
import { lockPayment } from "./settle";
import { requireStaffReason } from "@/lib/staff/reason";
import { issueCreditNote } from "@/lib/credit-notes/issue";

export type Refund = typeof paymentRefunds.$inferSelect;

/** What may still be refunded of a payment: what it credited less earlier refunds. */
export const refundable = (p: { status: string; amount: bigint; receivedAmount: bigint | null; refundedAmount: bigint }) => (p.status === "succeeded" ? (p.receivedAmount ?? p.amount) - p.refundedAmount : 0n);

/**
 * Staff refund (part of) a top-up to the method it came from. First, in one transaction
 * under the payment's lock and the account's ledger locks: the amount must fit what is
 * left of the payment and the account's cash balance (never more than the balance), the
 * balance is debited (ledger type "refund", audited with the reason) and the refund row
 * written. Then the provider is asked, with the refund's key; if it refuses, the debit is
 * reversed. A bank transfer is refunded by the finance team's own bank payment.
 */
export async function refundPayment(
  db: DbOrTx,
  input: {
    paymentId: string; amount: Micros; reason: string; requestId: string; staffUserId: string; ip?: string | null;
    /** The money refunded was charged on this issued invoice: a credit note (kind refund) credits it first (docs/invoices.md). */
    creditInvoiceId?: string | null;
  },
  opts: { provider?: PaymentProvider } = {},
): Promise<Refund> {
  const reason = requireStaffReason(input.reason);
  if (input.amount <= 0n || input.amount % 10_000n !== 0n) throw new AppError("VALIDATION", "Enter the refund in dollars and cents.", { amount: ["payments.errors.refundAmount"] });
  const idempotencyKey = `refund:${input.requestId}`;
  const actor = { kind: "staff" as const, userId: input.staffUserId, ip: input.ip ?? null };

  // The request id is bound to its payment and amount: the same id again is the same refund,
  // with other terms IDEMPOTENCY_CONFLICT. A racer of the same id waits on the payment's lock
  // (or, for another payment, loses on the key's unique index) and then reads the winner.
  const priorRefund = async (q: DbOrTx): Promise<Refund | undefined> => {
    const [prior] = await q.select().from(paymentRefunds).where(eq(paymentRefunds.idempotencyKey, idempotencyKey));
    if (prior && (prior.paymentId !== input.paymentId || prior.amount !== input.amount)) {
      throw new AppError("IDEMPOTENCY_CONFLICT", "This refund request was already made for another payment or amount; nothing was changed. Reload the page and try again.");
    }
    return prior;
  };
  const refund = await withTx(db, async (tx) => {
    const prior = await priorRefund(tx);
    if (prior) return prior;
    const p = await lockPayment(tx, input.paymentId);
    const raced = await priorRefund(tx);
    if (raced) return raced;
    if (!p || (p.purpose !== "top_up" && p.purpose !== "auto_recharge")) throw new AppError("NOT_FOUND", "That top-up was not found.");
    if (input.amount > refundable(p)) throw new AppError("VALIDATION", "The refund is larger than what is left of the payment.", { amount: ["payments.errors.refundTooLarge"] });
    const refundId = crypto.randomUUID();
    if (input.creditInvoiceId) {
      // Charges are refunded, not unspent funds: the credit note puts the amount back on the balance, which the refund then takes.
      await issueCreditNote(tx, {
        accountId: p.accountId, invoiceId: input.creditInvoiceId, kind: "refund", reason, amount: input.amount, taxIncluded: true,
        requestKey: idempotencyKey, actor, now: clockNow(), refundId,
      });
    }
    const posted = await post(tx, {
      idempotencyKey: `refund:${refundId}`,
      accountId: p.accountId,
      type: "refund",
      description: `Refund of a top-up: ${reason}`,
      entries: [
        { account: { kind: "cash" }, amount: -input.amount },
        { account: { kind: "payment_clearing", ref: p.provider }, amount: input.amount },
      ],
      actor,
      audit: { action: "payment.refund", reason, data: { paymentId: p.id, amount: input.amount } },
      prepare: async (_tx, locked) => {
        const cash = locked.balance("cash");
        if (input.amount > cash) throw new AppError("VALIDATION", `A refund cannot exceed the account balance (${formatMoney(cash > 0n ? cash : 0n, "en")}).`, { amount: ["payments.errors.refundTooLarge"] });
      },
    });
    await tx.update(payments).set({ refundedAmount: sql`${payments.refundedAmount} + ${input.amount}`, updatedAt: clockNow() }).where(eq(payments.id, p.id));
    const [row] = await tx
      .insert(paymentRefunds)
      .values({ id: refundId, paymentId: p.id, accountId: p.accountId, amount: input.amount, idempotencyKey, reason, staffUserId: input.staffUserId, ledgerTransactionId: posted.transactionId })
      .returning();
    return row!;
  }).catch(async (e: unknown) => {
    const raced = isUniqueViolation(e) ? await priorRefund(db) : undefined;
    if (raced) return raced;
    throw e;
  });
  if (refund.status !== "pending") return refund;
  return sendRefund(db, refund, opts);
}

/** Asks the provider to return the money (again, with the same key, when reconciling). */
export async function sendRefund(db: DbOrTx, refund: Refund, opts: { provider?: PaymentProvider } = {}): Promise<Refund> {
  const [p] = await db.select().from(payments).where(eq(payments.id, refund.paymentId));
  let outcome: RefundOutcome;
  if (p!.provider === "bank_transfer") outcome = { status: "succeeded", providerRefundId: "manual-bank-payment" };
  else {
    try {
      outcome = await (opts.provider ?? providerFor(p!.provider)).refund({ providerPaymentId: p!.providerPaymentId ?? "", amount: refund.amount, idempotencyKey: refund.idempotencyKey });
    } catch (e) {
      console.error("refund call failed", e);
      outcome = { status: "unknown" };
    }
  }
  const now = clockNow();
  if (outcome.status === "succeeded") {
    const [r] = await db.update(paymentRefunds).set({ status: "succeeded", providerRefundId: outcome.providerRefundId, settledAt: now, updatedAt: now }).where(eq(paymentRefunds.id, refund.id)).returning();
    return r!;
  }
  if (outcome.status === "unknown") {
    const [r] = await db.update(paymentRefunds).set({ status: "unknown", providerRefundId: outcome.providerRefundId ?? null, updatedAt: now }).where(eq(paymentRefunds.id, refund.id)).returning();
    return r!;
  }
  // Refused: put the money back on the balance, once.
  return withTx(db, async (tx) => {
    await post(tx, {
      idempotencyKey: `refund-reversal:${refund.id}`,
      accountId: refund.accountId,
      type: "refund_reversal",
      description: "Refund refused by the payment provider: amount returned to the balance",
      entries: [
        { account: { kind: "cash" }, amount: refund.amount },
        { account: { kind: "payment_clearing", ref: p!.provider }, amount: -refund.amount },
      ],
      actor: { kind: "system" },
      audit: { action: "payment.refund_reversed", reason: outcome.message, data: { refundId: refund.id } },
    });
    await tx.update(payments).set({ refundedAmount: sql`${payments.refundedAmount} - ${refund.amount}` }).where(eq(payments.id, refund.paymentId));
    const [r] = await tx.update(paymentRefunds).set({ status: "failed", error: outcome.message, updatedAt: now }).where(eq(paymentRefunds.id, refund.id)).returning();
    return r!;
  });
}
