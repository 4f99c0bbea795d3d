import "server-only";
import { Cron } from "croner";
import type { Db } from "@/db/client";
import { billingCycleJob, BILLING_CYCLE_JOB } from "@/lib/jobs/billing-cycle";
import { invoicesJob, INVOICES_JOB } from "@/lib/jobs/invoices";
import { lowFundsAlertsJob, LOW_FUNDS_JOB } from "@/lib/jobs/low-funds-alerts";
import { overdueJob, OVERDUE_JOB } from "@/lib/jobs/overdue";
import { subscriptionsJob, SUBSCRIPTIONS_JOB } from "@/lib/jobs/subscriptions";
import { voucherExpiryJob, VOUCHER_EXPIRY_JOB } from "@/lib/jobs/voucher-expiry";

export interface ScheduledJob {
  /** The name in job_runs (period-keyed jobs) or a label of our own. */
  name: string;
  /** The croner pattern it runs on in the app and the worker (lib/server/start.ts, lib/cli/worker.ts). */
  schedule: string;
  /** Period-keyed jobs claim their period in job_runs: "run now" twice does the period once. */
  run?: (db: Db, now: Date) => Promise<unknown>;
}

/**
 * The scheduled jobs as staff see them. A unit test checks every pattern here against
 * the schedules the server and the worker start, so the page cannot drift from them.
 */
export const SCHEDULED_JOBS: readonly ScheduledJob[] = [
  { name: BILLING_CYCLE_JOB, schedule: "5 * * * *", run: (db, now) => billingCycleJob(db, { now }) },
  { name: OVERDUE_JOB, schedule: "*/5 * * * *", run: (db, now) => overdueJob(db, { now }) },
  { name: VOUCHER_EXPIRY_JOB, schedule: "10 * * * *", run: (db, now) => voucherExpiryJob(db, { now }) },
  { name: SUBSCRIPTIONS_JOB, schedule: "20 * * * *", run: (db, now) => subscriptionsJob(db, { now }) },
  { name: INVOICES_JOB, schedule: "30 * * * *", run: (db, now) => invoicesJob(db, { now }) },
  { name: LOW_FUNDS_JOB, schedule: "35 * * * *", run: (db, now) => lowFundsAlertsJob(db, { now }) },
  { name: "auto-recharge", schedule: "15 * * * *" },
  { name: "contracts", schedule: "40 * * * *" },
  { name: "payments", schedule: "* * * * *" },
  { name: "email-delivery", schedule: "*/10 * * * * *" },
  { name: "webhook-delivery", schedule: "*/30 * * * * *" },
];

export const RUNNABLE_JOBS = SCHEDULED_JOBS.filter((j) => j.run).map((j) => j.name);

export function findJob(name: string): ScheduledJob | undefined {
  return SCHEDULED_JOBS.find((j) => j.name === name);
}

/** When the pattern next fires after `now`. */
export function nextRun(job: ScheduledJob, now: Date): Date | null {
  return new Cron(job.schedule).nextRun(now);
}
