import { desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, jobRunFailures, jobRuns } from "@/db/schema";

/** How many failed accounts of a run the Runs page lists (the count says how many in all). */
export const FAILURES_SHOWN = 10;

export interface RunAccountFailures {
  periodKey: string;
  total: number;
  failures: { accountId: string; accountName: string; error: string; failedAt: Date }[];
}

/**
 * For each job, the accounts its latest run had to skip (their own work failed), newest
 * first, at most FAILURES_SHOWN of them; a job whose latest run skipped none is absent.
 */
export async function latestRunAccountFailures(db: DbOrTx, jobs: string[]): Promise<Map<string, RunAccountFailures>> {
  const out = new Map<string, RunAccountFailures>();
  for (const job of jobs) {
    const [run] = await db.select({ id: jobRuns.id, periodKey: jobRuns.periodKey }).from(jobRuns).where(eq(jobRuns.job, job)).orderBy(desc(jobRuns.startedAt)).limit(1);
    if (!run) continue;
    const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(jobRunFailures).where(eq(jobRunFailures.jobRunId, run.id));
    if (!count?.n) continue;
    const failures = await db
      .select({ accountId: jobRunFailures.accountId, accountName: accounts.name, error: jobRunFailures.error, failedAt: jobRunFailures.failedAt })
      .from(jobRunFailures)
      .innerJoin(accounts, eq(accounts.id, jobRunFailures.accountId))
      .where(eq(jobRunFailures.jobRunId, run.id))
      .orderBy(desc(jobRunFailures.failedAt), jobRunFailures.accountId)
      .limit(FAILURES_SHOWN);
    out.set(job, { periodKey: run.periodKey, total: count.n, failures });
  }
  return out;
}
