import { PgTransaction } from "drizzle-orm/pg-core";
import type { DbOrTx, Tx } from "@/db/client";

/** The SQLSTATE of a database error, wherever the driver or Drizzle put it. */
export function pgErrorCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

// Deadlocks cannot happen between ledger postings (locks are taken in one order), but a
// caller's own statements may join the cycle; and a unique violation on the key only
// happens if something posted around post(). In all three a fresh attempt is correct.
const RETRYABLE = new Set(["40P01", "40001", "23505"]);

/**
 * Runs fn in a transaction: a new one (retried on transient conflicts) when given the
 * database, a savepoint when the caller already has a transaction (the caller owns
 * retries then, since its earlier work is part of the same transaction).
 */
export async function inTransaction<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (db instanceof PgTransaction) return db.transaction(fn);
  return retrying(db, () => db.transaction(fn));
}

/** Retries work that is its own transaction; inside a caller's transaction a failure is the caller's to handle. */
export async function retrying<T>(db: DbOrTx, fn: () => Promise<T>): Promise<T> {
  if (db instanceof PgTransaction) return fn();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const code = pgErrorCode(e);
      if (attempt >= 3 || !code || !RETRYABLE.has(code)) throw e;
    }
  }
}
