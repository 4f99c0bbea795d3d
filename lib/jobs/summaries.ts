import type { AutoRechargeJobResult } from "@/lib/payments/auto-recharge";
import type { BillingCycleResult } from "./billing-cycle";
import type { BudgetsJobResult } from "./budgets";
import type { InvoicesJobResult } from "./invoices";
import type { LowFundsJobResult } from "./low-funds-alerts";
import type { OverdueJobResult } from "./overdue";
import type { SubscriptionsJobResult } from "./subscriptions";
import type { VoucherExpiryJobResult } from "./voucher-expiry";

// The line each job prints in the billing CLI's catch-up (`npm run billing:run`, lib/jobs/due.ts).
// A period-keyed job returns null when its period was already done.

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function billingCycleLine(cycle: BillingCycleResult | null): string {
  return cycle
    ? `billing cycle ${cycle.periodKey}: ${cycle.charges} charges, ${cycle.overruns.size} overrun charges attempted` +
        (cycle.failedAccounts ? `; finished with ${plural(cycle.failedAccounts, "failed account")} (skipped, retried next hour; see Staff > Runs)` : "")
    : "billing cycle: period already done (or running in a live worker)";
}

export function overdueLine(overdue: OverdueJobResult | null): string {
  if (!overdue) return "overdue: period already done";
  const progress = [...overdue.progress.values()];
  const stopped = progress.reduce((n, p) => n + p.stopped.length, 0);
  const released = progress.reduce((n, p) => n + p.released.length, 0);
  return `overdue ${overdue.periodKey}: ${overdue.progress.size} accounts overdue, ${overdue.resumed.size} resumed, ${stopped} resources stopped, ${released} released`;
}

export function subscriptionsLine(subs: SubscriptionsJobResult | null): string {
  return subs ? `subscriptions ${subs.periodKey}: ${subs.renewed} renewed, ${subs.expired} stopped at expiry, ${subs.resumed} resumed, ${subs.released} released, ${subs.reminders} reminders` : "subscriptions: period already done";
}

export function voucherExpiryLine(vx: VoucherExpiryJobResult | null): string {
  return vx ? `voucher expiry ${vx.periodKey}: ${vx.expired} expired, ${vx.deferred} deferred` : "voucher expiry: period already done";
}

export function invoicesLine(inv: InvoicesJobResult | null): string {
  return inv
    ? `invoices ${inv.periodKey}: ${inv.issued} issued, ${inv.existing} already issued` +
        (inv.failed ? `; ${inv.failed} failed (skipped; the period stays open and the next run retries them; see Staff > Runs)` : "")
    : "invoices: nothing due (before the 5th, or the period is done or running in a live worker)";
}

export function autoRechargeLine(ar: AutoRechargeJobResult): string {
  return `auto-recharge ${ar.month}: ${ar.attempted} attempted, ${ar.succeeded} succeeded`;
}

export function paymentsLine(pay: { settled: number; payments: number; refunds: number }): string {
  return `payments: ${pay.settled} test-provider webhooks, ${pay.payments} payments and ${pay.refunds} refunds reconciled`;
}

export function contractsLine(ct: { activated: number; expired: number }): string {
  return `contracts: ${ct.activated} activated, ${ct.expired} expired`;
}

export function lowFundsLine(lf: LowFundsJobResult | null): string {
  return lf
    ? `low-funds alerts ${lf.periodKey}: ${lf.accounts} accounts checked, ${lf.reminders} reminders (${lf.emails} emails, ${lf.webhooks} webhooks), ${lf.opened} episodes opened, ${lf.closed} closed`
    : "low-funds alerts: period already done";
}

export function budgetsLine(b: BudgetsJobResult | null): string {
  return b
    ? `budgets ${b.periodKey}: ${plural(b.budgets, "budget")} checked, ${b.notified} thresholds crossed (${b.emails} emails, ${b.events} events)` +
        (b.failed ? `; ${plural(b.failed, "budget")} failed (skipped, retried next hour; see Staff > Runs)` : "")
    : "budgets: period already done";
}
