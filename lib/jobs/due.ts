import type { Db } from "@/db/client";
import { contractsJob } from "@/lib/contracts/job";
import { autoRechargeJob } from "./auto-recharge";
import { billingCycleJob } from "./billing-cycle";
import { paymentsJob } from "./payments";
import { invoicesJob } from "./invoices";
import { lowFundsAlertsJob } from "./low-funds-alerts";
import { overdueJob } from "./overdue";
import { subscriptionsJob } from "./subscriptions";
import { voucherExpiryJob } from "./voucher-expiry";

/** Runs every period-keyed job as the scheduler would at `now`; one summary line per job. */
export async function runDueJobs(db: Db, now: Date): Promise<string[]> {
  const lines: string[] = [];
  const cycle = await billingCycleJob(db, { now });
  lines.push(
    cycle
      ? `billing cycle ${cycle.periodKey}: ${cycle.charges} charges, ${cycle.overruns.size} overrun charges attempted` +
          (cycle.failedAccounts ? `; finished with ${cycle.failedAccounts} failed account${cycle.failedAccounts === 1 ? "" : "s"} (skipped, retried next hour; see Staff > Runs)` : "")
      : "billing cycle: period already done (or running in a live worker)",
  );
  const overdue = await overdueJob(db, { now });
  lines.push(
    overdue
      ? `overdue ${overdue.periodKey}: ${overdue.progress.size} accounts overdue, ${overdue.resumed.size} resumed, ${[...overdue.progress.values()].reduce((n, p) => n + p.stopped.length, 0)} resources stopped, ${[...overdue.progress.values()].reduce((n, p) => n + p.released.length, 0)} released`
      : "overdue: period already done",
  );
  const subs = await subscriptionsJob(db, { now });
  lines.push(subs ? `subscriptions ${subs.periodKey}: ${subs.renewed} renewed, ${subs.expired} expired, ${subs.reminders} reminders` : "subscriptions: period already done");
  const vx = await voucherExpiryJob(db, { now });
  lines.push(vx ? `voucher expiry ${vx.periodKey}: ${vx.expired} expired, ${vx.deferred} deferred` : "voucher expiry: period already done");
  const inv = await invoicesJob(db, { now });
  lines.push(
    inv
      ? `invoices ${inv.periodKey}: ${inv.issued} issued, ${inv.existing} already issued` +
          (inv.failed ? `; ${inv.failed} failed (skipped; the period stays open and the next run retries them; see Staff > Runs)` : "")
      : "invoices: nothing due (before the 5th, or the period is done or running in a live worker)",
  );
  const ar = await autoRechargeJob(db, { now });
  lines.push(`auto-recharge ${ar.month}: ${ar.attempted} attempted, ${ar.succeeded} succeeded`);
  const pay = await paymentsJob(db, { now });
  lines.push(`payments: ${pay.settled} test-provider webhooks, ${pay.payments} payments and ${pay.refunds} refunds reconciled`);
  const ct = await contractsJob(db, { now });
  lines.push(`contracts: ${ct.activated} activated, ${ct.expired} expired`);
  // Last: after charges, auto-recharge and payments have moved the balances of this hour.
  const lf = await lowFundsAlertsJob(db, { now });
  lines.push(lf ? `low-funds alerts ${lf.periodKey}: ${lf.accounts} accounts checked, ${lf.reminders} reminders (${lf.emails} emails, ${lf.webhooks} webhooks), ${lf.opened} episodes opened, ${lf.closed} closed` : "low-funds alerts: period already done");
  return lines;
}
