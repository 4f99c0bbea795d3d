import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import type { Db, DbHandle } from "./client";
import * as schema from "./schema";

/** PLATFORM_TIME_ZONE as the billing code reads it (lib/billing/time.ts), for migrations that backfill a rollup by day or month. */
const platformTimeZone = () => process.env.PLATFORM_TIME_ZONE || "UTC";

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

/** Any number of instances may start at once: one migrates, the others wait on the lock. */
const MIGRATION_LOCK = 7_240_311;

/**
 * Applies the migrations and then runs `after` (the seed) while still holding the
 * migration lock, so two starting instances never seed twice.
 */
export async function migrateDatabase(handle: DbHandle, after?: (db: Db) => Promise<void>): Promise<void> {
  if (handle.kind === "pglite") {
    const db = drizzlePglite(handle.raw as PGlite, { schema });
    await (handle.raw as PGlite).query("select set_config('billing.platform_time_zone', $1, false)", [platformTimeZone()]);
    await migratePglite(db, { migrationsFolder });
    if (after) await after(db as unknown as Db);
    return;
  }
  // One dedicated connection, so the session-level advisory lock covers the whole run.
  const sql = postgres(handle.url!, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`;
    // Migrations that backfill a rollup by day or month read the platform's time zone from here.
    await sql`select set_config('billing.platform_time_zone', ${platformTimeZone()}, false)`;
    const db = drizzlePostgres(sql, { schema });
    await migratePostgres(db, { migrationsFolder });
    if (after) await after(db as unknown as Db);
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
