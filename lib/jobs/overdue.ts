// Schedule: every 5 minutes ("*/5 * * * *"), inside the app and in `npm run worker`.
import { clockNow } from "@/lib/clock";
import type { Db } from "@/db/client";
import { advanceOverdue, type OverdueProgress, overdueAccounts, resumeIfFunded } from "@/lib/billing/overdue";
import { runPeriod, scopedJob } from "./job-runs";

export const OVERDUE_JOB = "overdue";
const SLOT_MS = 5 * 60_000;

export interface OverdueJobResult {
  periodKey: string;
  resumed: Map<string, string[]>;
  progress: Map<string, OverdueProgress>;
}

/**
 * The overdue lifecycle, keyed by its 5-minute slot: for each overdue account, resumes it
 * when a top-up brought available funds to zero or above, otherwise takes the steps due
 * (email, stop after the protection period, release after 72 hours stopped). Accounts
 * become overdue in the billing cycle, when the automatic charge fails or has no method.
 */
export async function overdueJob(db: Db, opts: { now?: Date; accountIds?: string[] } = {}): Promise<OverdueJobResult | null> {
  const now = opts.now ?? clockNow();
  const periodKey = new Date(Math.floor(now.getTime() / SLOT_MS) * SLOT_MS).toISOString();
  const run = await runPeriod(db, scopedJob(OVERDUE_JOB, opts.accountIds), periodKey, now, async () => {
    const result: OverdueJobResult = { periodKey, resumed: new Map(), progress: new Map() };
    for (const accountId of await overdueAccounts(db, opts.accountIds)) {
      const resumed = await resumeIfFunded(db, accountId, now);
      if (resumed) result.resumed.set(accountId, resumed);
      else result.progress.set(accountId, await advanceOverdue(db, accountId, now));
    }
    return result;
  });
  return run.ran ? run.result : null;
}
