// Schedule: hourly at minute 30 ("30 * * * *"), inside the app and in `npm run worker`. It
// does its work once the 5th of the month has begun in the platform time zone (a server
// that was down on the 5th catches up at its next run) and then nothing until the next
// month: the period (YYYY-MM) is claimed in job_runs, and each account's invoice is keyed
// by (account, period) besides, so two workers or a rerun never issue one twice. Before
// issuing it closes the month's order-form commitments (keyed by account and month too).
import type { Db } from "@/db/client";
import { closeCommitments } from "@/lib/billing/commitments";
import { clockNow } from "@/lib/clock";
import { storeIssuedPdf } from "@/lib/invoices/documents";
import { issuePeriod } from "@/lib/invoices/issue";
import { periodDueAt } from "@/lib/invoices/period";
import { recordAccountFailure, runPeriod, scopedJob } from "./job-runs";

export const INVOICES_JOB = "invoices";

export interface InvoicesJobResult {
  periodKey: string;
  issued: number;
  existing: number;
  skipped: number;
  /** Accounts whose invoice failed to issue: recorded on the run (staff Runs page), retried by the next run. */
  failed: number;
}

/**
 * Issues last month's invoices for every account that had charges or payments in it, and
 * renders and stores each new invoice's PDF (`pdf: false` leaves that to the first
 * download). `notify: false` issues without the emails (the demo's back history).
 */
export async function invoicesJob(db: Db, opts: { now?: Date; accountIds?: string[]; pdf?: boolean; notify?: boolean } = {}): Promise<InvoicesJobResult | null> {
  const now = opts.now ?? clockNow();
  const period = periodDueAt(now);
  if (!period) return null;
  const run = await runPeriod(db, scopedJob(INVOICES_JOB, opts.accountIds), period.key, now, async (claim) => {
    let failed = 0;
    // The month's close first: a committed spend the month fell short of is a line of this invoice.
    await closeCommitments(db, { period: period.key, now, accountIds: opts.accountIds });
    const r = await issuePeriod(db, {
      period: period.key,
      now,
      accountIds: opts.accountIds,
      notify: opts.notify,
      afterIssue: opts.pdf === false ? undefined : (issued) => storeIssuedPdf(db, issued),
      onAccountFailed: async (accountId, error) => {
        failed++;
        await recordAccountFailure(db, claim, accountId, error, now);
      },
    });
    // The period stays open (failed) until every account's invoice is issued: the next run issues the missing ones.
    if (failed) claim.incomplete = `${failed} account${failed === 1 ? "" : "s"} failed to issue (listed on the run); the next run retries them`;
    return { periodKey: period.key, ...r, failed };
  });
  return run.ran ? run.result : null;
}
