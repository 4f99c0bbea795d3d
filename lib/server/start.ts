import { closeDb, getDbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { clockNow } from "@/lib/clock";
import { isEmpty, printDemoLogins, seedDemo } from "@/lib/demo/seed";
import { authSecret, isDemoMode } from "@/lib/env";
import { startScheduledJobs } from "@/lib/jobs/schedule";
import { sellerConfig } from "@/lib/seller";
import { taxRules } from "@/lib/tax/rules";
import { inAppJobsMode, modeReport } from "./mode-report";

let started = false;

/**
 * Runs once per server process, before the first request: migrate, seed an empty
 * database with the demo (demo mode only: production gets migrations and nothing else),
 * start the in-app jobs, and close the database cleanly on shutdown.
 */
export async function startServer(opts: { now?: () => Date } = {}): Promise<void> {
  const now = opts.now ?? clockNow;
  if (started) return;
  started = true;
  authSecret(); // fail fast when a production server has no AUTH_SECRET
  // …and when the seller or the tax rules are misconfigured, naming the variable, rather than at the first invoice.
  sellerConfig();
  taxRules();
  const demo = isDemoMode();
  const handle = getDbHandle();
  await migrateDatabase(handle, async (db) => {
    if (demo && (await isEmpty(db))) await seedDemo(db);
  });
  modeReport(inAppJobsMode()).forEach((line) => console.log(line));
  if (demo) printDemoLogins();

  const jobs = inAppJobsMode() === "in-app" ? startScheduledJobs(handle.db, now) : [];

  const shutdown = async (signal: string) => {
    jobs.forEach((j) => j.stop());
    await closeDb().catch(() => {});
    console.log(`Billing Center stopped (${signal}).`);
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}
