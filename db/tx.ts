import { PgTransaction } from "drizzle-orm/pg-core";
import type { DbOrTx, Tx } from "./client";

/**
 * The one transaction helper, and its one retry rule.
 *
 * A transaction of our own is retried, up to TX_TRIES attempts in all, when PostgreSQL
 * rolled it back for a reason a fresh attempt can clear:
 *
 * - 40001 serialization_failure and 40P01 deadlock_detected: always. Either one rolled the
 *   whole transaction back, so running fn again from the start is correct.
 * - 23505 unique_violation: only when the caller asks (`retryUniqueViolation`). The ledger
 *   does: a key written around its own checks (a concurrent posting, or accounts created at
 *   the same time) is found by the next attempt. Everyone else wants the violation itself,
 *   to answer "already done" (a subscription, an activation, a refund raced by a twin).
 *
 * Between attempts it waits a random time ("full jitter": 0 to 10 ms × 2^attempt, at most
 * 100 ms), so two transactions that collided do not collide again in step.
 *
 * Inside the caller's transaction, withTx opens a savepoint and retries nothing: the
 * caller's earlier work is part of the same transaction, so retrying is the caller's call.
 *
 * A retry runs fn again from the start, so fn must do nothing outside the database that a
 * second run would repeat (counters it sets are reset at its start). A plain db.transaction
 * is right only where that cannot hold or a retry means nothing:
 * - fn talks to the outside world mid-transaction: the email delivery tick sends each email
 *   to the provider while it holds the rows, and a second run would send it again;
 * - the ledger's own savepoint inside post(), whose caller's withTx already retries;
 * - a read-only snapshot with its own isolation level (lib/ledger/verify.ts), which withTx
 *   does not take and which has nothing to lose to a retry it does not get.
 */
export const TX_TRIES = 4;

export interface RetryOptions {
  /** Retry on 23505 unique_violation as well (the ledger's postings). */
  retryUniqueViolation?: boolean;
}

const ALWAYS = new Set(["40001", "40P01"]);

/** The SQLSTATE of a database error, wherever the driver or Drizzle put it. */
export function pgCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export const isUniqueViolation = (e: unknown) => pgCode(e) === "23505";

/** Whether an error from attempt `attempt` (1-based) should be tried again under the rule above. */
export function shouldRetry(e: unknown, attempt: number, opts: RetryOptions = {}): boolean {
  if (attempt >= TX_TRIES) return false;
  const code = pgCode(e);
  return code !== undefined && (ALWAYS.has(code) || (code === "23505" && opts.retryUniqueViolation === true));
}

/** The wait before attempt `attempt + 1`, in ms. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(100, 10 * 2 ** attempt));
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs fn in a transaction of its own (retried under the rule), or in a savepoint of the caller's. */
export async function withTx<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  if (db instanceof PgTransaction) return db.transaction(fn);
  return retrying(db, () => db.transaction(fn), opts);
}

/**
 * Retries work that is its own transaction (one statement, or a transaction fn opens) under
 * the rule; inside a caller's transaction a failure is the caller's to handle.
 */
export async function retrying<T>(db: DbOrTx, fn: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  if (db instanceof PgTransaction) return fn();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!shouldRetry(e, attempt, opts)) throw e;
      await pause(retryDelayMs(attempt));
    }
  }
}
