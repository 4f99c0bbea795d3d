// The production worker: runs every scheduled job against DATABASE_URL. Any number
// of workers and app instances may run at once; each job is idempotent by its period.
import { Cron } from "croner";
import { billingCycleJob } from "@/lib/jobs/billing-cycle";
import { deliverEmails } from "@/lib/jobs/deliver-emails";
import { deliverWebhooks } from "@/lib/jobs/deliver-webhooks";
import { contractsJob } from "@/lib/contracts/job";
import { invoicesJob } from "@/lib/jobs/invoices";
import { lowFundsAlertsJob } from "@/lib/jobs/low-funds-alerts";
import { overdueJob } from "@/lib/jobs/overdue";
import { autoRechargeJob } from "@/lib/jobs/auto-recharge";
import { paymentsJob } from "@/lib/jobs/payments";
import { subscriptionsJob } from "@/lib/jobs/subscriptions";
import { voucherExpiryJob } from "@/lib/jobs/voucher-expiry";
import { openCliDb } from "./open";

const handle = await openCliDb();
const now = () => new Date();
const jobs = [
  new Cron("*/10 * * * * *", { protect: true, catch: (e) => console.error("email delivery failed", e) }, async () => {
    await deliverEmails(handle.db, { now: now() });
  }),
  new Cron("5 * * * *", { protect: true, catch: (e) => console.error("billing cycle failed", e) }, async () => {
    await billingCycleJob(handle.db, { now: now() });
  }),
  new Cron("*/5 * * * *", { protect: true, catch: (e) => console.error("overdue lifecycle failed", e) }, async () => {
    await overdueJob(handle.db, { now: now() });
  }),
  new Cron("20 * * * *", { protect: true, catch: (e) => console.error("subscriptions job failed", e) }, async () => {
    await subscriptionsJob(handle.db, { now: now() });
  }),
  new Cron("* * * * *", { protect: true, catch: (e) => console.error("payments job failed", e) }, async () => {
    await paymentsJob(handle.db, { now: now() });
  }),
  new Cron("15 * * * *", { protect: true, catch: (e) => console.error("auto-recharge failed", e) }, async () => {
    await autoRechargeJob(handle.db, { now: now() });
  }),
  new Cron("10 * * * *", { protect: true, catch: (e) => console.error("voucher expiry failed", e) }, async () => {
    await voucherExpiryJob(handle.db, { now: now() });
  }),
  new Cron("30 * * * *", { protect: true, catch: (e) => console.error("invoices job failed", e) }, async () => {
    await invoicesJob(handle.db, { now: now() });
  }),
  new Cron("35 * * * *", { protect: true, catch: (e) => console.error("low-funds alerts failed", e) }, async () => {
    await lowFundsAlertsJob(handle.db, { now: now() });
  }),
  new Cron("40 * * * *", { protect: true, catch: (e) => console.error("contracts job failed", e) }, async () => {
    await contractsJob(handle.db, { now: now() });
  }),
  new Cron("*/30 * * * * *", { protect: true, catch: (e) => console.error("webhook delivery failed", e) }, async () => {
    await deliverWebhooks(handle.db, { now: now() });
  }),
];
console.log(`Worker running (${handle.kind}). Jobs: email delivery every 10 s, billing cycle hourly at minute 5, overdue lifecycle every 5 min, subscriptions hourly at minute 20, voucher expiry hourly at minute 10, invoices on the 5th (checked hourly at minute 30), low-funds alerts hourly at minute 35, contracts (activation, expiry) hourly at minute 40, webhook delivery every 30 s, payments (test-provider webhooks, reconciliation) every minute, auto-recharge hourly at minute 15.`);
const stop = async () => {
  jobs.forEach((j) => j.stop());
  await handle.close();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
