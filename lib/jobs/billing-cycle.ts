// Schedule: hourly, at minute 5 ("5 * * * *"), inside the app and in `npm run worker`.
import { clockNow } from "@/lib/clock";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { advanceOverdue, markOverdue } from "@/lib/billing/overdue";
import { runBilling } from "@/lib/billing/run";
import { col, rows } from "@/db/rows";
import { pgArray } from "@/db/sql-arrays";
import { chargeOverrun, type OverrunResult } from "@/lib/payments/charge-overrun";
import type { PaymentProvider } from "@/lib/payments/provider";
import { hourStart, recordAccountFailure, runPeriod, scopedJob } from "./job-runs";

export const BILLING_CYCLE_JOB = "billing-cycle";

export interface BillingCycleResult {
  periodKey: string;
  charges: number;
  /** Accounts skipped because their charge failed (recorded on the run; the next run retries them). */
  failedAccounts: number;
  overruns: Map<string, OverrunResult>;
}

/** Customer accounts whose cash is below minus their credit limit. */
export async function overdrawnAccounts(db: Db, accountIds?: string[]): Promise<string[]> {
  const found = await rows(
    db,
    sql`select c.account_id from ledger_accounts c
      left join billing_settings s on s.account_id = c.account_id
      where c.kind = 'cash' and c.account_id is not null and c.balance < -coalesce(s.credit_limit, 0)
      ${accountIds ? sql`and c.account_id = any(${pgArray(accountIds, "uuid")})` : sql``}
      order by c.account_id`,
    { account_id: col.text },
  );
  return found.map((r) => r.account_id);
}

/**
 * The billing cycle of the hour that ended at the top of `now`'s hour (key: that hour's
 * start, ISO): charges every elapsed increment up to it (catching up whatever a missed
 * run left), then charges the default payment method of every account left below minus
 * its credit limit, marking it overdue when that fails. Runs once per period however many instances call it. `accountIds`
 * limits it to those accounts (tests, staff), as a job of its own name. An account whose
 * charge fails is recorded on the run (job_run_failures) and skipped; the period still
 * counts as done, since the next hour's run charges everything still due, that account too.
 */
export async function billingCycleJob(db: Db, opts: { now?: Date; provider?: PaymentProvider; accountIds?: string[] } = {}): Promise<BillingCycleResult | null> {
  const now = opts.now ?? clockNow();
  const periodEnd = hourStart(now);
  const periodKey = new Date(periodEnd.getTime() - 3_600_000).toISOString();
  const run = await runPeriod(db, scopedJob(BILLING_CYCLE_JOB, opts.accountIds), periodKey, now, async (claim) => {
    const billed = await runBilling(db, {
      until: periodEnd,
      accountIds: opts.accountIds,
      onAccountFailed: (accountId, error) => recordAccountFailure(db, claim, accountId, error, now),
    });
    const overruns = new Map<string, OverrunResult>();
    for (const accountId of await overdrawnAccounts(db, opts.accountIds)) {
      const r = await chargeOverrun(db, accountId, periodKey, { provider: opts.provider });
      overruns.set(accountId, r);
      // Declined or no method: overdue (a payment still undecided waits for its webhook).
      // The steps due now follow at once (the first email; a stop where the protection period is 0), not at the overdue job's next slot.
      if ((r.status === "no_method" || r.status === "declined" || r.status === "insufficient_funds") && (await markOverdue(db, accountId, now))) await advanceOverdue(db, accountId, now);
    }
    return { periodKey, charges: billed.charges, failedAccounts: billed.failed.size, overruns };
  });
  return run.ran ? run.result : null;
}
