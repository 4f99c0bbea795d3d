import { Cron } from "croner";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { jobHeartbeats } from "@/db/schema";
import { clockNow } from "@/lib/clock";
import { contractsJob } from "@/lib/contracts/job";
import { autoRechargeJob } from "@/lib/jobs/auto-recharge";
import { billingCycleJob, BILLING_CYCLE_JOB } from "@/lib/jobs/billing-cycle";
import { budgetsJob, BUDGETS_JOB } from "@/lib/jobs/budgets";
import { deliverEmails } from "@/lib/jobs/deliver-emails";
import { deliverWebhooks } from "@/lib/jobs/deliver-webhooks";
import { invoicesJob, INVOICES_JOB } from "@/lib/jobs/invoices";
import { lowFundsAlertsJob, LOW_FUNDS_JOB } from "@/lib/jobs/low-funds-alerts";
import { overdueJob, OVERDUE_JOB } from "@/lib/jobs/overdue";
import { paymentsJob } from "@/lib/jobs/payments";
import { pruneJob, PRUNE_JOB } from "@/lib/jobs/prune";
import { subscriptionsJob, SUBSCRIPTIONS_JOB } from "@/lib/jobs/subscriptions";
import { voucherExpiryJob, VOUCHER_EXPIRY_JOB } from "@/lib/jobs/voucher-expiry";
import {
  autoRechargeLine,
  billingCycleLine,
  budgetsLine,
  contractsLine,
  invoicesLine,
  lowFundsLine,
  overdueLine,
  paymentsLine,
  subscriptionsLine,
  voucherExpiryLine,
} from "./summaries";

export interface ScheduledJob {
  /** The name in job_runs (period-keyed jobs) or a label of our own. */
  name: string;
  /** The croner pattern (seconds field optional). */
  schedule: string;
  /** How the worker's start-up line describes it. */
  description: string;
  /** Period-keyed jobs claim their period in job_runs, so staff may "run now": twice does the period once. */
  periodKeyed: boolean;
  run: (db: Db, now: Date) => Promise<unknown>;
  /**
   * Its part in the billing CLI's catch-up (lib/jobs/due.ts): its place in that pass and the
   * line it prints. Jobs without one (deliveries, pruning) are left to the scheduler.
   */
  catchUp?: { step: number; run: (db: Db, now: Date) => Promise<string> };
}

/** A job whose catch-up line is written from what its run returned. */
function job<T>(def: Omit<ScheduledJob, "run" | "catchUp"> & { run: (db: Db, now: Date) => Promise<T>; catchUp?: { step: number; line: (result: T) => string } }): ScheduledJob {
  const { catchUp, ...rest } = def;
  return catchUp ? { ...rest, catchUp: { step: catchUp.step, run: async (db, now) => catchUp.line(await def.run(db, now)) } } : rest;
}

/**
 * Every scheduled job, once: the app server (lib/server/start.ts) and the worker
 * (lib/cli/worker.ts) start these, the staff Runs page lists them, and the billing CLI's
 * catch-up runs those with a catch-up step, in step order: low-funds alerts after charges,
 * auto-recharge and payments have moved the balances of the hour, and budgets last, on the
 * hour's charges.
 */
export const SCHEDULED_JOBS: readonly ScheduledJob[] = [
  job({ name: BILLING_CYCLE_JOB, schedule: "5 * * * *", description: "billing cycle hourly at minute 5", periodKeyed: true, run: (db, now) => billingCycleJob(db, { now }), catchUp: { step: 1, line: billingCycleLine } }),
  job({ name: OVERDUE_JOB, schedule: "*/5 * * * *", description: "overdue lifecycle every 5 min", periodKeyed: true, run: (db, now) => overdueJob(db, { now }), catchUp: { step: 2, line: overdueLine } }),
  job({ name: VOUCHER_EXPIRY_JOB, schedule: "10 * * * *", description: "voucher expiry hourly at minute 10", periodKeyed: true, run: (db, now) => voucherExpiryJob(db, { now }), catchUp: { step: 4, line: voucherExpiryLine } }),
  job({ name: SUBSCRIPTIONS_JOB, schedule: "20 * * * *", description: "subscriptions hourly at minute 20", periodKeyed: true, run: (db, now) => subscriptionsJob(db, { now }), catchUp: { step: 3, line: subscriptionsLine } }),
  job({ name: INVOICES_JOB, schedule: "30 * * * *", description: "invoices on the 5th (checked hourly at minute 30)", periodKeyed: true, run: (db, now) => invoicesJob(db, { now }), catchUp: { step: 5, line: invoicesLine } }),
  job({ name: LOW_FUNDS_JOB, schedule: "35 * * * *", description: "low-funds alerts hourly at minute 35", periodKeyed: true, run: (db, now) => lowFundsAlertsJob(db, { now }), catchUp: { step: 9, line: lowFundsLine } }),
  job({ name: BUDGETS_JOB, schedule: "50 * * * *", description: "budget thresholds hourly at minute 50", periodKeyed: true, run: (db, now) => budgetsJob(db, { now }), catchUp: { step: 10, line: budgetsLine } }),
  job({ name: "auto-recharge", schedule: "15 * * * *", description: "auto-recharge hourly at minute 15", periodKeyed: false, run: (db, now) => autoRechargeJob(db, { now }), catchUp: { step: 6, line: autoRechargeLine } }),
  job({ name: "contracts", schedule: "40 * * * *", description: "contracts (activation, expiry) hourly at minute 40", periodKeyed: false, run: (db, now) => contractsJob(db, { now }), catchUp: { step: 8, line: contractsLine } }),
  job({ name: "payments", schedule: "* * * * *", description: "payments (test-provider webhooks, reconciliation) every minute", periodKeyed: false, run: (db, now) => paymentsJob(db, { now }), catchUp: { step: 7, line: paymentsLine } }),
  job({ name: "email-delivery", schedule: "*/10 * * * * *", description: "email delivery every 10 s", periodKeyed: false, run: (db, now) => deliverEmails(db, { now }) }),
  job({ name: "webhook-delivery", schedule: "*/30 * * * * *", description: "webhook delivery every 30 s", periodKeyed: false, run: (db, now) => deliverWebhooks(db, { now }) }),
  job({ name: PRUNE_JOB, schedule: "45 * * * *", description: "pruning (old rate-limit windows, ended sessions, stale sign-in link requests) hourly at minute 45", periodKeyed: false, run: (db, now) => pruneJob(db, { now }) }),
];

/** Records a tick's outcome in job_heartbeats: one row per job, last tick wins. */
export async function recordHeartbeat(db: Db, job: string, tick: { startedAt: Date; finishedAt: Date; error?: unknown }): Promise<void> {
  const failed = tick.error !== undefined;
  const error = failed ? String(tick.error instanceof Error ? tick.error.message : tick.error).slice(0, 500) : null;
  await db
    .insert(jobHeartbeats)
    .values({ job, lastStartedAt: tick.startedAt, lastFinishedAt: tick.finishedAt, lastStatus: failed ? "failed" : "succeeded", lastFailedAt: failed ? tick.finishedAt : null, lastError: error, failures: failed ? 1 : 0 })
    .onConflictDoUpdate({
      target: jobHeartbeats.job,
      set: {
        lastStartedAt: tick.startedAt,
        lastFinishedAt: tick.finishedAt,
        lastStatus: failed ? "failed" : "succeeded",
        ...(failed ? { lastFailedAt: tick.finishedAt, lastError: error, failures: sql`${jobHeartbeats.failures} + 1` } : {}),
      },
    });
}

/** One tick: run the job, then record how it went (the error is logged and rethrown to croner). */
export async function runTick(db: Db, job: ScheduledJob, now: Date): Promise<void> {
  const startedAt = clockNow();
  try {
    await job.run(db, now);
  } catch (error) {
    await recordHeartbeat(db, job.name, { startedAt, finishedAt: clockNow(), error }).catch((e) => console.error(`${job.name}: could not record the failure`, e));
    throw error;
  }
  await recordHeartbeat(db, job.name, { startedAt, finishedAt: clockNow() });
}

/**
 * Starts every job on its schedule. `protect` skips a tick while the previous one still
 * runs; a failure is logged, recorded in job_heartbeats, and the next tick tries again.
 */
export function startScheduledJobs(db: Db, now: () => Date = clockNow): Cron[] {
  return SCHEDULED_JOBS.map((job) => new Cron(job.schedule, { protect: true, catch: (e) => console.error(`${job.name} job failed`, e) }, () => runTick(db, job, now())));
}
