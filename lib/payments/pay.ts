import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { paymentCustomers, paymentMethods, payments } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Micros } from "@/lib/money";
import { type ChargeOutcome, type PaymentProvider, ProviderUnavailableError } from "./provider";
import { providerAvailable, providerFor } from "./registry";
import { failPayment, markUnknown, type Payment, settlePayment } from "./settle";

/** How long a charge may take before the payment is left to reconciliation (the provider keeps the key). */
export const CHARGE_TIMEOUT_MS = 20_000;

export type Method = typeof paymentMethods.$inferSelect;

export interface PayInput {
  accountId: string;
  methodId: string;
  amount: Micros;
  purpose: Payment["purpose"];
  /** Made before anything else (the form's request id, the job's period): the same key is the same payment. */
  idempotencyKey: string;
  userId?: string | null;
}

export interface PayResult {
  payment: Payment;
  /** What this call learnt: a replay reports the stored state. */
  status: Payment["status"];
  message?: string;
  /** Why a card said no, for a translated message. */
  declineCode?: "declined" | "insufficient_funds";
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ProviderUnavailableError(`No answer from the payment provider within ${ms / 1000} s.`)), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

export async function findMethod(db: DbOrTx, accountId: string, methodId: string): Promise<Method> {
  const [m] = await db
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.id, methodId), eq(paymentMethods.accountId, accountId), isNull(paymentMethods.removedAt)));
  if (!m) throw new AppError("NOT_FOUND", "That payment method was not found.");
  return m;
}

/**
 * Charges a saved method. The payment row and its idempotency key are written (committed)
 * before the provider is called; the provider gets the same key. So a repeated request,
 * a crash, or a timeout followed by reconciliation re-asks the provider about the same
 * payment and can never charge twice, and the ledger is credited once (settlePayment).
 */
export async function payWithMethod(db: DbOrTx, input: PayInput, opts: { provider?: PaymentProvider; timeoutMs?: number; now?: Date } = {}): Promise<PayResult> {
  const method = await findMethod(db, input.accountId, input.methodId);
  // Refused before anything is written: a test card in production, a Stripe card without Stripe.
  const provider = opts.provider ?? methodProvider(method);
  await db
    .insert(payments)
    .values({ accountId: input.accountId, methodId: method.id, provider: method.provider, amount: input.amount, purpose: input.purpose, idempotencyKey: input.idempotencyKey, userId: input.userId ?? null })
    .onConflictDoNothing({ target: payments.idempotencyKey });
  const [payment] = await db.select().from(payments).where(eq(payments.idempotencyKey, input.idempotencyKey));
  if (!payment || payment.accountId !== input.accountId || payment.amount !== input.amount || payment.methodId !== method.id) {
    throw new AppError("IDEMPOTENCY_CONFLICT", "This request was already used for a different payment. Reload the page and try again.");
  }
  return processPayment(db, payment, method, { ...opts, provider });
}

/** The provider a saved method is charged with, or a clear refusal when it is not configured here. */
export function methodProvider(method: Method): PaymentProvider {
  if (!providerAvailable(method.provider)) {
    throw new AppError("VALIDATION", "That payment method cannot be charged on this platform; pay by bank transfer.", { method: ["payments.errors.providerOff"] });
  }
  return providerFor(method.provider);
}

/** Asks the provider about a payment that is not decided yet (first try, retry or reconciliation). */
export async function processPayment(db: DbOrTx, payment: Payment, method: Method, opts: { provider?: PaymentProvider; timeoutMs?: number; now?: Date } = {}): Promise<PayResult> {
  if (payment.status === "succeeded" || payment.status === "failed") return { payment, status: payment.status, message: payment.error ?? undefined };
  const provider = opts.provider ?? providerFor(method.provider);
  const [customer] = await db
    .select({ ref: paymentCustomers.customerRef })
    .from(paymentCustomers)
    .where(and(eq(paymentCustomers.accountId, payment.accountId), eq(paymentCustomers.provider, method.provider)));
  let outcome: ChargeOutcome;
  try {
    outcome = await withTimeout(
      provider.charge({
        token: method.providerToken,
        amount: payment.amount,
        currency: "USD",
        idempotencyKey: payment.idempotencyKey,
        description: `Billing Center ${payment.purpose.replace("_", "-")}`,
        customerRef: customer?.ref ?? null,
        paymentId: payment.id,
      }),
      opts.timeoutMs ?? CHARGE_TIMEOUT_MS,
    );
  } catch (e) {
    if (!(e instanceof ProviderUnavailableError)) throw e;
    await markUnknown(db, payment.id, { error: e.message, now: opts.now });
    return { payment: { ...payment, status: "unknown" }, status: "unknown" };
  }
  if (outcome.status === "succeeded") {
    const { payment: settled } = await settlePayment(db, payment.id, { providerPaymentId: outcome.providerPaymentId, now: opts.now });
    return { payment: settled, status: "succeeded" };
  }
  if (outcome.status === "unknown") {
    await markUnknown(db, payment.id, { providerPaymentId: outcome.providerPaymentId, now: opts.now });
    return { payment: { ...payment, status: "unknown" }, status: "unknown" };
  }
  const failed = await failPayment(db, payment.id, outcome.message, { providerPaymentId: outcome.providerPaymentId, now: opts.now });
  // A webhook may have credited it meanwhile: report what is stored.
  return { payment: failed, status: failed.status, message: failed.status === "failed" ? outcome.message : undefined, ...(failed.status === "failed" ? { declineCode: outcome.status } : {}) };
}
