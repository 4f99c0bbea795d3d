// Schedule: every minute ("* * * * *"), inside the app and in `npm run worker`.
import type { Db } from "@/db/client";
import { clockNow } from "@/lib/clock";
import { deliverTestProviderWebhooks, reconcilePayments } from "@/lib/payments/reconcile";

/**
 * Payments housekeeping: the test provider's delayed webhooks, then reconciliation of
 * payments and refunds that never got an answer. Idempotent; any number may run at once.
 */
export async function paymentsJob(db: Db, opts: { now?: Date } = {}) {
  const now = opts.now ?? clockNow();
  const settled = await deliverTestProviderWebhooks(db, { now });
  const reconciled = await reconcilePayments(db, { now });
  return { settled, ...reconciled };
}
