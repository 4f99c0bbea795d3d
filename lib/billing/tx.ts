import type { SQL } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { DbOrTx, Tx } from "@/db/client";

/** The SQLSTATE of a database error, wherever the driver or Drizzle put it. */
export function pgCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

const TRANSIENT = new Set(["40P01", "40001"]);

/**
 * A transaction of our own (retried on deadlock or serialization failure, which roll
 * everything back so a fresh attempt is correct), or a savepoint inside the caller's.
 */
export async function withTx<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (db instanceof PgTransaction) return db.transaction(fn);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(fn);
    } catch (e) {
      if (attempt >= 4 || !TRANSIENT.has(pgCode(e) ?? "")) throw e;
    }
  }
}

export const isUniqueViolation = (e: unknown) => pgCode(e) === "23505";

/** Rows of a raw statement, whichever driver ran it (postgres.js gives an array, PGlite an object). */
export async function rowsOf(db: DbOrTx, query: SQL): Promise<Record<string, unknown>[]> {
  const result = (await db.execute(query)) as unknown;
  return Array.isArray(result) ? (result as Record<string, unknown>[]) : ((result as { rows?: Record<string, unknown>[] }).rows ?? []);
}
