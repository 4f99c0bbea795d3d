import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { dataDir } from "./data-dir";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The one database type the app uses, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: "pglite" | "postgres";
  /** Connection string of a Postgres server handle. */
  url?: string;
  /** postgres.js client or PGlite instance, for the few places that need raw SQL. */
  raw: PGlite | postgres.Sql;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Postgres connection string; absent means the embedded PGlite database. */
  url?: string;
  /** PGlite data folder, or "memory://". */
  dir?: string;
  /** A PGlite snapshot (dumpDataDir) to start from. */
  loadDataDir?: Blob | File;
  /** "server" takes the folder's lock; "cli" refuses to open a folder a server holds. */
  owner?: "server" | "cli";
  max?: number;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** PGlite has no lock between processes, so a server marks the folder it owns. */
export function pgliteLockHolder(dir: string): number | null {
  const lock = `${dir}.lock`;
  if (!existsSync(lock)) return null;
  const pid = Number(readFileSync(lock, "utf8").trim());
  return Number.isInteger(pid) && pid !== process.pid && pidAlive(pid) ? pid : null;
}

export class DatabaseBusyError extends Error {}

export function openDatabase(opts: OpenOptions = {}): DbHandle {
  if (opts.url) {
    // No JIT: the app's statements are short, but a rarely run branch can cost a plan over
    // jit_above_cost, and compiling it then took 30 ms of a 0.2 ms query (the overview's
    // latest invoices on a million-entry ledger), on every request.
    const sql = postgres(opts.url, { max: opts.max ?? 10, onnotice: () => {}, prepare: true, connection: { jit: "off" } });
    return { db: drizzlePostgres(sql, { schema }) as unknown as Db, kind: "postgres", url: opts.url, raw: sql, close: () => sql.end({ timeout: 5 }) };
  }
  const dir = opts.dir ?? dataDir();
  const inMemory = dir.startsWith("memory://");
  let lockFile: string | null = null;
  if (!inMemory) {
    const holder = pgliteLockHolder(dir);
    if (holder) {
      throw new DatabaseBusyError(
        `The embedded database in ${path.relative(process.cwd(), dir) || dir} is held by a running server (pid ${holder}). ` +
          "Stop the server first, or point DATABASE_URL at a PostgreSQL server.",
      );
    }
    mkdirSync(path.dirname(dir), { recursive: true });
    if (opts.owner === "server") {
      lockFile = `${dir}.lock`;
      writeFileSync(lockFile, String(process.pid));
    }
  }
  const client = new PGlite({ ...(inMemory ? {} : { dataDir: dir }), ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    kind: "pglite",
    raw: client,
    close: async () => {
      await client.close();
      if (lockFile) rmSync(lockFile, { force: true });
    },
  };
}

const globalForDb = globalThis as unknown as { __billingDb?: DbHandle };

/** The app's connection, opened on first use (never at import: `next build` imports modules). */
export function getDbHandle(): DbHandle {
  if (!globalForDb.__billingDb) {
    globalForDb.__billingDb = openDatabase({ url: process.env.DATABASE_URL, owner: "server", max: Number(process.env.DB_POOL_SIZE ?? 10) });
  }
  return globalForDb.__billingDb;
}

export function getDb(): Db {
  return getDbHandle().db;
}

/** Lets tests and CLI commands run the app's code against a database they opened. */
export function setDbHandle(handle: DbHandle | undefined): void {
  globalForDb.__billingDb = handle;
}

export async function closeDb(): Promise<void> {
  const h = globalForDb.__billingDb;
  globalForDb.__billingDb = undefined;
  if (h) await h.close();
}
