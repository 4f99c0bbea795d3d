import { and, eq, inArray, isNotNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { paymentMethods, paymentRefunds, payments } from "@/db/schema";
import { clockNow } from "@/lib/clock";
import { processPayment } from "./pay";
import type { PaymentProvider } from "./provider";
import { enabledTestProvider, providerAvailable } from "./registry";
import { sendRefund } from "./refund";
import { handleWebhook } from "./webhooks";

/** A payment left undecided this long (no answer, or a crash before the provider was asked) is asked about again. */
export const RECONCILE_AFTER_MS = 2 * 60_000;
/** The test provider's undecided payments settle this long after the charge, by webhook. */
export const TEST_SETTLE_AFTER_MS = 30_000;

/**
 * Payments with no answer from the provider (a timeout, a crash between writing the payment
 * and calling the provider) are charged again with the same idempotency key: the provider
 * answers with the first charge's result, so this can never charge twice. Payments the
 * provider said are still processing wait for its webhook. Refunds likewise.
 */
export async function reconcilePayments(db: Db, opts: { now?: Date; provider?: PaymentProvider } = {}): Promise<{ payments: number; refunds: number }> {
  const now = opts.now ?? clockNow();
  const before = new Date(now.getTime() - RECONCILE_AFTER_MS);
  const open = await db
    .select()
    .from(payments)
    .where(
      and(
        // Only providers configured here: a test payment left in a production database is not retried.
        inArray(payments.provider, (["test", "stripe"] as const).filter(providerAvailable)),
        isNotNull(payments.methodId),
        lt(payments.updatedAt, before),
        or(eq(payments.status, "pending"), and(eq(payments.status, "unknown"), isNotNull(payments.error))),
      ),
    )
    .limit(200);
  for (const p of open) {
    const [method] = await db.select().from(paymentMethods).where(eq(paymentMethods.id, p.methodId!));
    try {
      await processPayment(db, p, method!, { provider: opts.provider, now });
    } catch (e) {
      console.error("reconciling payment failed", p.id, e);
    }
  }
  const refunds = await db.select().from(paymentRefunds).where(and(sql`${paymentRefunds.status} in ('pending', 'unknown')`, lt(paymentRefunds.updatedAt, before))).limit(200);
  for (const r of refunds) await sendRefund(db, r, { provider: opts.provider }).catch((e) => console.error("reconciling refund failed", r.id, e));
  return { payments: open.length, refunds: refunds.length };
}

/**
 * The built-in test provider's "result arrives later" card: some 30 s after the charge its
 * webhook arrives, signed with the test provider's secret and verified like any other.
 */
export async function deliverTestProviderWebhooks(db: Db, opts: { now?: Date } = {}): Promise<number> {
  // Simulated webhooks credit real balances: only where the test provider is allowed.
  const testProvider = enabledTestProvider();
  if (!testProvider) return 0;
  const now = opts.now ?? clockNow();
  const due = await db
    .select()
    .from(payments)
    .where(and(eq(payments.provider, "test"), eq(payments.status, "unknown"), isNotNull(payments.providerPaymentId), lt(payments.updatedAt, new Date(now.getTime() - TEST_SETTLE_AFTER_MS))))
    .limit(200);
  for (const p of due) {
    const { body, headers } = testProvider.settlementWebhook({ providerPaymentId: p.providerPaymentId!, paymentId: p.id }, now);
    await handleWebhook(db, "test", body, headers, { now }).catch((e) => console.error("test provider webhook failed", p.id, e));
  }
  return due.length;
}
