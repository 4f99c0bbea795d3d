import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { payments } from "@/db/schema";
import { withTx } from "@/db/tx";
import { clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { dollars, type Micros } from "@/lib/money";
import { type PayResult, payWithMethod } from "./pay";
import type { PaymentProvider } from "./provider";
import { lockPayment, type Payment, settlePayment } from "./settle";
import { requireStaffReason } from "@/lib/staff/reason";

export const TOP_UP_MIN: Micros = dollars(10);
export const TOP_UP_MAX: Micros = dollars(100_000);
export const QUICK_PICKS: Micros[] = [dollars(50), dollars(100), dollars(500), dollars(1000)];

/** Whole cents within the limits: cards and banks take cents. */
export function checkTopUpAmount(amount: Micros): void {
  if (amount < TOP_UP_MIN || amount > TOP_UP_MAX || amount % 10_000n !== 0n) throw new AppError("VALIDATION", "Enter an amount within the top-up limits.", { amount: ["payments.errors.amount"] });
}

/**
 * A top-up by a saved method; `requestId` was made when the form was shown, so a double
 * submit pays once. Card and bank-transfer top-ups share the key `topup:<request id>`, so
 * one request id is one payment: sent again with another amount, method or account it is
 * IDEMPOTENCY_CONFLICT (payWithMethod and requestWireTransfer compare with what is stored).
 */
export async function topUpWithMethod(db: DbOrTx, input: { accountId: string; methodId: string; amount: Micros; requestId: string; userId: string }, opts: { provider?: PaymentProvider; timeoutMs?: number } = {}): Promise<PayResult> {
  checkTopUpAmount(input.amount);
  return payWithMethod(db, { accountId: input.accountId, methodId: input.methodId, amount: input.amount, purpose: "top_up", idempotencyKey: `topup:${input.requestId}`, userId: input.userId }, opts);
}

/** Announces a bank transfer: a pending payment whose remark is the account ID, credited when staff confirm it. */
export async function requestWireTransfer(db: DbOrTx, input: { accountId: string; amount: Micros; requestId: string; userId: string }): Promise<Payment> {
  checkTopUpAmount(input.amount);
  const idempotencyKey = `topup:${input.requestId}`;
  await db
    .insert(payments)
    .values({ accountId: input.accountId, provider: "bank_transfer", amount: input.amount, purpose: "top_up", idempotencyKey, userId: input.userId })
    .onConflictDoNothing({ target: payments.idempotencyKey });
  const [p] = await db.select().from(payments).where(eq(payments.idempotencyKey, idempotencyKey));
  if (!p || p.accountId !== input.accountId || p.amount !== input.amount || p.provider !== "bank_transfer") throw new AppError("IDEMPOTENCY_CONFLICT", "This request was already used for a different payment.");
  return p;
}

/**
 * Staff confirm a bank transfer: the amount actually received is credited (it may differ
 * from what was announced), once. The top-up posting carries the one audit record of the
 * confirmation (`payment.wire_confirm`, with the reason and both amounts). A second
 * confirmation of the same transfer credits nothing and says so (`credited: false`).
 */
export async function confirmWireTransfer(db: DbOrTx, input: { paymentId: string; received: Micros; reason: string; staffUserId: string; ip?: string | null }): Promise<{ payment: Payment; credited: boolean }> {
  if (input.received <= 0n || input.received > TOP_UP_MAX || input.received % 10_000n !== 0n) throw new AppError("VALIDATION", "Enter the amount received, in dollars and cents.", { received: ["payments.errors.received"] });
  const reason = requireStaffReason(input.reason);
  return withTx(db, async (tx) => {
    const p = await lockPayment(tx, input.paymentId);
    if (!p || p.provider !== "bank_transfer") throw new AppError("NOT_FOUND", "That bank transfer was not found.");
    if (p.status === "succeeded") return { payment: p, credited: false };
    if (p.status !== "pending") throw new AppError("CONFLICT", "This bank transfer is no longer pending.");
    const now = clockNow();
    await tx.update(payments).set({ receivedAmount: input.received, confirmedByUserId: input.staffUserId, updatedAt: now }).where(eq(payments.id, p.id));
    return settlePayment(tx, p.id, {
      actor: { kind: "staff", userId: input.staffUserId, ip: input.ip ?? null },
      now,
      audit: { action: "payment.wire_confirm", reason, data: { paymentId: p.id, announced: p.amount, received: input.received } },
    });
  });
}
