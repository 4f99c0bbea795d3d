import { clockNow, simulatedTime } from "@/lib/clock";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { paymentMethods, payments } from "@/db/schema";
import { topUp } from "@/lib/ledger";
import { MICROS_PER_CENT } from "@/lib/money";
import type { ChargeOutcome, PaymentProvider } from "./provider";
import { TestPaymentProvider } from "./test-provider";

export type OverrunResult = { status: "not_needed" } | { status: "no_method"; outstanding: bigint } | { status: ChargeOutcome["status"]; outstanding: bigint; paymentId: string };

const providers: Record<string, PaymentProvider> = { test: new TestPaymentProvider() };

/**
 * When cash is below minus the credit limit, charges the account's default payment method
 * for what brings the balance back to zero (rounded up to a cent: cards take cents). The
 * payment row and its key are written before the provider is called, so a crash retries
 * with the same key; `periodKey` (the billing run's) makes one attempt per run.
 */
export async function chargeOverrun(db: Db, accountId: string, periodKey: string, opts: { provider?: PaymentProvider } = {}): Promise<OverrunResult> {
  const b = await getBalances(db, { accountId });
  if (b.balance >= -b.creditLimit) return { status: "not_needed" };
  const outstanding = ((-b.balance + MICROS_PER_CENT - 1n) / MICROS_PER_CENT) * MICROS_PER_CENT;
  const [method] = await db
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.accountId, accountId), eq(paymentMethods.isDefault, true), isNull(paymentMethods.removedAt)));
  if (!method) return { status: "no_method", outstanding };
  const provider = opts.provider ?? providers[method.provider];
  if (!provider) return { status: "no_method", outstanding };

  const idempotencyKey = `overrun:${accountId}:${periodKey}`;
  await db.insert(payments).values({ accountId, methodId: method.id, provider: method.provider, amount: outstanding, purpose: "overrun", idempotencyKey, createdAt: simulatedTime() ?? undefined }).onConflictDoNothing();
  const [payment] = await db.select().from(payments).where(eq(payments.idempotencyKey, idempotencyKey));
  if (payment!.status === "succeeded" || payment!.status === "failed") return { status: payment!.status === "succeeded" ? "succeeded" : "declined", outstanding: payment!.amount, paymentId: payment!.id };

  const outcome = await provider.charge({ token: method.providerToken, amount: payment!.amount, currency: "USD", idempotencyKey, description: "Billing Center: balance back to zero" });
  const now = clockNow();
  if (outcome.status === "succeeded") {
    const posted = await topUp(db, { accountId, amount: payment!.amount, provider: method.provider, idempotencyKey: `payment:${payment!.id}`, actor: { kind: "system" }, description: "Automatic charge of the default payment method" });
    await db.update(payments).set({ status: "succeeded", providerPaymentId: outcome.providerPaymentId, ledgerTransactionId: posted.transactionId, settledAt: now, updatedAt: now }).where(eq(payments.id, payment!.id));
  } else if (outcome.status === "unknown") {
    await db.update(payments).set({ status: "unknown", providerPaymentId: outcome.providerPaymentId, updatedAt: now }).where(eq(payments.id, payment!.id));
  } else {
    await db.update(payments).set({ status: "failed", providerPaymentId: outcome.providerPaymentId ?? null, error: outcome.message, updatedAt: now }).where(eq(payments.id, payment!.id));
  }
  return { status: outcome.status, outstanding: payment!.amount, paymentId: payment!.id };
}
