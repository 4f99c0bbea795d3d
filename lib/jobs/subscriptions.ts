// Schedule: hourly, at minute 20 ("20 * * * *"), inside the app and in `npm run worker`.
import { clockNow } from "@/lib/clock";
import type { Db } from "@/db/client";
import { releaseLapsed } from "@/lib/billing/lapse";
import { renewStoppedAutoRenew } from "@/lib/billing/renew-stopped";
import { dueSubscriptions, sendExpiryReminders, settleExpiry } from "@/lib/billing/renewal";
import { hourStart, runPeriod, scopedJob } from "./job-runs";

export const SUBSCRIPTIONS_JOB = "subscriptions";

export interface SubscriptionsJobResult {
  periodKey: string;
  renewed: number;
  /** Stopped at expiry, not renewed (released 72 hours later unless renewed). */
  expired: number;
  /** Stopped subscriptions with auto-renew on that funds now cover: renewed and resumed. */
  resumed: number;
  /** Stopped for 72 hours: released. */
  released: number;
  reminders: number;
}

/**
 * Keyed by the hour: renews every subscription whose term has ended by `now` or stops it
 * (lib/billing/lapse.ts), renews and resumes stopped ones with auto-renew on that funds now
 * cover, releases those stopped for 72 hours, then sends the reminders due (7 days, 48 hours,
 * 24 hours before expiry).
 */
export async function subscriptionsJob(db: Db, opts: { now?: Date; accountIds?: string[] } = {}): Promise<SubscriptionsJobResult | null> {
  const now = opts.now ?? clockNow();
  const periodKey = hourStart(now).toISOString();
  const run = await runPeriod(db, scopedJob(SUBSCRIPTIONS_JOB, opts.accountIds), periodKey, now, async () => {
    const result: SubscriptionsJobResult = { periodKey, renewed: 0, expired: 0, resumed: 0, released: 0, reminders: 0 };
    // A renewal extends the term by one; a long gap renews once per run (each term paid by its own key).
    for (const r of await dueSubscriptions(db, now, opts.accountIds)) {
      const outcome = await settleExpiry(db, r.id, r.accountId, now);
      if (outcome === "renewed") result.renewed++;
      if (outcome === "stopped") result.expired++;
    }
    result.resumed = (await renewStoppedAutoRenew(db, now, opts.accountIds)).length;
    result.released = (await releaseLapsed(db, now, opts.accountIds)).length;
    result.reminders = await sendExpiryReminders(db, now, opts.accountIds);
    return result;
  });
  return run.ran ? run.result : null;
}
