import { Cron } from "croner";
import { closeDb, getDbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { isEmpty, printDemoLogins, seedDemo } from "@/db/seed";
import { authSecret, usesEmbeddedDb } from "@/lib/env";
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

let started = false;

/**
 * Runs once per server process, before the first request: migrate, seed an empty
 * database, start the in-app jobs, and close the database cleanly on shutdown.
 */
export async function startServer(opts: { now?: () => Date } = {}): Promise<void> {
  const now = opts.now ?? (() => new Date());
  if (started) return;
  started = true;
  authSecret(); // fail fast when a production server has no AUTH_SECRET
  const handle = getDbHandle();
  let seeded = false;
  await migrateDatabase(handle, async (db) => {
    if (await isEmpty(db)) {
      await seedDemo(db);
      seeded = true;
    }
  });
  if (seeded || (usesEmbeddedDb() && process.env.NODE_ENV === "production")) printDemoLogins();

  const jobs: Cron[] = [];
  if (process.env.IN_APP_JOBS !== "off") {
    jobs.push(new Cron("*/10 * * * * *", { protect: true, catch: (e) => console.error("email delivery failed", e) }, async () => {
      await deliverEmails(handle.db, { now: now() });
    }));
    jobs.push(new Cron("5 * * * *", { protect: true, catch: (e) => console.error("billing cycle failed", e) }, async () => {
      await billingCycleJob(handle.db, { now: now() });
    }));
    jobs.push(new Cron("*/5 * * * *", { protect: true, catch: (e) => console.error("overdue lifecycle failed", e) }, async () => {
      await overdueJob(handle.db, { now: now() });
    }));
    jobs.push(new Cron("20 * * * *", { protect: true, catch: (e) => console.error("subscriptions job failed", e) }, async () => {
      await subscriptionsJob(handle.db, { now: now() });
    }));
    jobs.push(new Cron("* * * * *", { protect: true, catch: (e) => console.error("payments job failed", e) }, async () => {
      await paymentsJob(handle.db, { now: now() });
    }));
    jobs.push(new Cron("15 * * * *", { protect: true, catch: (e) => console.error("auto-recharge failed", e) }, async () => {
      await autoRechargeJob(handle.db, { now: now() });
    }));
    jobs.push(new Cron("10 * * * *", { protect: true, catch: (e) => console.error("voucher expiry failed", e) }, async () => {
      await voucherExpiryJob(handle.db, { now: now() });
    }));
    jobs.push(new Cron("30 * * * *", { protect: true, catch: (e) => console.error("invoices job failed", e) }, async () => {
      await invoicesJob(handle.db, { now: now() });
    }));
    jobs.push(new Cron("35 * * * *", { protect: true, catch: (e) => console.error("low-funds alerts failed", e) }, async () => {
      await lowFundsAlertsJob(handle.db, { now: now() });
    }));
    jobs.push(new Cron("40 * * * *", { protect: true, catch: (e) => console.error("contracts job failed", e) }, async () => {
      await contractsJob(handle.db, { now: now() });
    }));
    jobs.push(new Cron("*/30 * * * * *", { protect: true, catch: (e) => console.error("webhook delivery failed", e) }, async () => {
      await deliverWebhooks(handle.db, { now: now() });
    }));
  }

  const shutdown = async (signal: string) => {
    jobs.forEach((j) => j.stop());
    await closeDb().catch(() => {});
    console.log(`Billing Center stopped (${signal}).`);
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}
