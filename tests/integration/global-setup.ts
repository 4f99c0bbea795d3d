import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { SNAPSHOT_FILE } from "../fixtures/db";

/**
 * Migrates once per run. On PGlite the migrated database is saved as a snapshot that
 * every test file loads into its own in-memory instance (initdb in wasm costs seconds,
 * loading a snapshot well under one). On Postgres the server database is migrated.
 */
export default async function setup() {
  if (process.env.DATABASE_URL) {
    const handle = openDatabase({ url: process.env.DATABASE_URL, max: 1 });
    try {
      await migrateDatabase(handle);
    } finally {
      await handle.close();
    }
    return;
  }
  const handle = openDatabase({ dir: "memory://" });
  await migrateDatabase(handle);
  const dump = await (handle.raw as PGlite).dumpDataDir("gzip");
  mkdirSync(path.dirname(SNAPSHOT_FILE), { recursive: true });
  // Written aside and renamed: a run starting at the same time never reads half a file.
  const partial = `${SNAPSHOT_FILE}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, SNAPSHOT_FILE);
  await handle.close();
}
