import { closeDb, getDbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { isEmpty, printDemoLogins, seedDemo } from "@/db/seed";
import { authSecret, usesEmbeddedDb } from "@/lib/env";
import { startScheduledJobs } from "@/lib/jobs/schedule";

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

  const jobs = process.env.IN_APP_JOBS !== "off" ? startScheduledJobs(handle.db, now) : [];

  const shutdown = async (signal: string) => {
    jobs.forEach((j) => j.stop());
    await closeDb().catch(() => {});
    console.log(`Billing Center stopped (${signal}).`);
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}
