import { type DbHandle, DatabaseBusyError, openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

/** Opens the configured database for a command-line tool, migrated. Refuses a PGlite folder a server holds. */
export async function openCliDb(): Promise<DbHandle> {
  try {
    const handle = openDatabase({ url: process.env.DATABASE_URL, owner: "cli", max: 4 });
    await migrateDatabase(handle);
    return handle;
  } catch (e) {
    if (e instanceof DatabaseBusyError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}
