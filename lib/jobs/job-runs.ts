import { and, eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { jobRuns } from "@/db/schema";

/** A 'running' claim older than this is taken as crashed and may be retried. */
export const STALE_RUN_MINUTES = 30;

export type PeriodRun<T> = { ran: true; result: T } | { ran: false };

/**
 * Runs `fn` once for (job, periodKey). The claim is the job_runs row (unique per job and
 * period): a second instance, or a rerun of a period already done, does nothing. A claim
 * left 'running' by a crash longer than `staleMinutes` ago, or one that failed, is taken
 * over; the work itself must be idempotent (the billing run and the overdue steps are).
 */
export async function runPeriod<T>(db: Db, job: string, periodKey: string, now: Date, fn: () => Promise<T>, staleMinutes = STALE_RUN_MINUTES): Promise<PeriodRun<T>> {
  const claimed =
    (await db.insert(jobRuns).values({ job, periodKey, status: "running", startedAt: now }).onConflictDoNothing().returning({ id: jobRuns.id }))[0] ??
    (
      await db
        .update(jobRuns)
        .set({ status: "running", startedAt: now, finishedAt: null, error: null })
        .where(
          and(
            eq(jobRuns.job, job),
            eq(jobRuns.periodKey, periodKey),
            or(eq(jobRuns.status, "failed"), and(eq(jobRuns.status, "running"), lt(jobRuns.startedAt, new Date(now.getTime() - staleMinutes * 60_000)))),
          ),
        )
        .returning({ id: jobRuns.id })
    )[0];
  if (!claimed) return { ran: false };
  try {
    const result = await fn();
    await db.update(jobRuns).set({ status: "done", finishedAt: sql`greatest(${now.toISOString()}::timestamptz, ${jobRuns.startedAt})` }).where(eq(jobRuns.id, claimed.id));
    return { ran: true, result };
  } catch (e) {
    await db
      .update(jobRuns)
      .set({ status: "failed", finishedAt: now, error: String(e instanceof Error ? e.message : e).slice(0, 1000) })
      .where(eq(jobRuns.id, claimed.id))
      .catch(() => {});
    throw e;
  }
}

/** The start of the UTC hour containing `t`. */
export function hourStart(t: Date): Date {
  return new Date(Math.floor(t.getTime() / 3_600_000) * 3_600_000);
}

/** The job name of a run limited to some accounts, so it never takes the whole job's period. */
export function scopedJob(job: string, accountIds?: string[]): string {
  return accountIds ? `${job}:accounts:${[...accountIds].sort().join(",")}` : job;
}
