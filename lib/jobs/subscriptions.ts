// Schedule: hourly, at minute 20 ("20 * * * *"), inside the app and in `npm run worker`.
import { clockNow } from "@/lib/clock";
import type { Db } from "@/db/client";
import { dueSubscriptions, sendExpiryReminders, settleExpiry } from "@/lib/billing/renewal";
import { hourStart, runPeriod, scopedJob } from "./job-runs";

export const SUBSCRIPTIONS_JOB = "subscriptions";

export interface SubscriptionsJobResult {
  periodKey: string;
  renewed: number;
  expired: number;
  reminders: number;
}

/**
 * Keyed by the hour: renews or expires every subscription whose term has ended by `now`,
 * then sends the reminders due (7 days, 48 hours, 24 hours before expiry).
 */
export async function subscriptionsJob(db: Db, opts: { now?: Date; accountIds?: string[] } = {}): Promise<SubscriptionsJobResult | null> {
  const now = opts.now ?? clockNow();
  const periodKey = hourStart(now).toISOString();
  const run = await runPeriod(db, scopedJob(SUBSCRIPTIONS_JOB, opts.accountIds), periodKey, now, async () => {
    const result: SubscriptionsJobResult = { periodKey, renewed: 0, expired: 0, reminders: 0 };
    // A renewal extends the term by one; a long gap renews once per run (each term paid by its own key).
    for (const r of await dueSubscriptions(db, now, opts.accountIds)) {
      const outcome = await settleExpiry(db, r.id, r.accountId, now);
      if (outcome === "renewed") result.renewed++;
      if (outcome === "expired") result.expired++;
    }
    result.reminders = await sendExpiryReminders(db, now, opts.accountIds);
    return result;
  });
  return run.ran ? run.result : null;
}
