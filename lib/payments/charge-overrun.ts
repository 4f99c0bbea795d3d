import { clockNow, simulatedTime } from "@/lib/clock";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { paymentMethods, payments } from "@/db/schema";
import { MICROS_PER_CENT } from "@/lib/money";
import { processPayment } from "./pay";
import type { ChargeOutcome, PaymentProvider } from "./provider";
import { providerFor } from "./registry";

export type OverrunResult = { status: "not_needed" } | { status: "no_method"; outstanding: bigint } | { status: ChargeOutcome["status"]; outstanding: bigint; paymentId: string };

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
  // The real provider of the default method (Stripe when it was saved with Stripe); none configured counts as no method.
  let provider: PaymentProvider;
  try {
    provider = opts.provider ?? providerFor(method.provider);
  } catch {
    return { status: "no_method", outstanding };
  }

  const idempotencyKey = `overrun:${accountId}:${periodKey}`;
  await db.insert(payments).values({ accountId, methodId: method.id, provider: method.provider, amount: outstanding, purpose: "overrun", idempotencyKey, createdAt: simulatedTime() ?? undefined }).onConflictDoNothing();
  const [payment] = await db.select().from(payments).where(eq(payments.idempotencyKey, idempotencyKey));
  if (payment!.status === "succeeded" || payment!.status === "failed") return { status: payment!.status === "succeeded" ? "succeeded" : "declined", outstanding: payment!.amount, paymentId: payment!.id };

  // The same path as a top-up: credited once by settlePayment (key payment:<id>), whether the
  // answer comes now, by webhook, or by reconciliation after a timeout.
  const r = await processPayment(db, payment!, method, { provider, now: clockNow() });
  const status: OverrunResult["status"] = r.status === "succeeded" ? "succeeded" : r.status === "failed" ? (r.declineCode ?? "declined") : "unknown";
  return { status, outstanding: payment!.amount, paymentId: payment!.id };
}
