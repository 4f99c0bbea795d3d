// Schedule: hourly at minute 35 ("35 * * * *", after the billing cycle and auto-recharge), inside the app and in `npm run worker`.
import type { Db } from "@/db/client";
import { checkLowFunds, alertAccounts, type LowFundsResult } from "@/lib/alerts/reminders";
import { clockNow } from "@/lib/clock";
import { hourStart, runPeriod, scopedJob } from "./job-runs";

export const LOW_FUNDS_JOB = "low-funds-alerts";

export interface LowFundsJobResult extends LowFundsResult {
  periodKey: string;
  accounts: number;
}

/**
 * Low-funds reminders, keyed by the hour: for every account with an alert on (or an
 * episode still open), opens, reminds or closes its episodes (lib/alerts/reminders.ts).
 * Reminders are counted per episode under the account's row lock and their emails carry
 * the episode and count in their keys, so a second instance or a rerun sends nothing twice.
 */
export async function lowFundsAlertsJob(db: Db, opts: { now?: Date; accountIds?: string[] } = {}): Promise<LowFundsJobResult | null> {
  const now = opts.now ?? clockNow();
  const periodKey = hourStart(now).toISOString();
  const run = await runPeriod(db, scopedJob(LOW_FUNDS_JOB, opts.accountIds), periodKey, now, async () => {
    const result: LowFundsJobResult = { periodKey, accounts: 0, reminders: 0, emails: 0, webhooks: 0, opened: 0, closed: 0 };
    for (const accountId of await alertAccounts(db, opts.accountIds)) {
      const r = await checkLowFunds(db, accountId, now);
      result.accounts++;
      result.reminders += r.reminders;
      result.emails += r.emails;
      result.webhooks += r.webhooks;
      result.opened += r.opened;
      result.closed += r.closed;
    }
    return result;
  });
  return run.ran ? run.result : null;
}
