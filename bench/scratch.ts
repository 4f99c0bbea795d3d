import postgres from "postgres";
import { type Db, openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedCatalogue } from "@/lib/demo/catalogue";

/** The PostgreSQL server a bench measures (DATABASE_URL); without one, `usage` says so and the bench exits. */
export function benchServer(usage: string): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(usage);
    process.exit(2);
  }
  return url;
}

/**
 * Runs `bench` on a scratch database `name` of the server, migrated and holding the
 * catalogue, with `max` connections; drops the database afterwards (unless `keep`), also
 * when the bench fails.
 */
export async function withScratchDatabase(serverUrl: string, name: string, opts: { max: number; dropFirst?: boolean; keep?: boolean }, bench: (db: Db, version: string) => Promise<void>): Promise<void> {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    if (opts.dropFirst) await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    const [{ version }] = (await admin`select current_setting('server_version') as version`) as unknown as [{ version: string }];
    const handle = openDatabase({ url: u.toString(), max: opts.max });
    try {
      await migrateDatabase(handle);
      await seedCatalogue(handle.db);
      await bench(handle.db, version);
    } finally {
      await handle.close();
    }
  } finally {
    if (!opts.keep) await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}
