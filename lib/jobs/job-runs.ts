import { createHash } from "node:crypto";
import { hostname } from "node:os";
import { and, eq, inArray, sql } from "drizzle-orm";
import postgres from "postgres";
import type { Db } from "@/db/client";
import { jobRunFailures, jobRuns } from "@/db/schema";

export type PeriodRun<T> = { ran: true; result: T } | { ran: false };

/** The claim being worked on, for the work to record the accounts it had to skip. */
export interface JobRunClaim {
  id: string;
  /**
   * Set by work that finished but left something undone that only a rerun of this period
   * can do (an invoice that failed to issue): the period is then marked failed with this
   * error, so the next run takes it over and does the rest.
   */
  incomplete?: string;
}

/** This process, as written on the job_runs rows it holds (for people reading the table). */
export const WORKER_ID = `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;

interface Lease {
  release(): Promise<void>;
}

interface LeaseSql {
  <T extends readonly object[]>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T>;
  end(opts?: { timeout?: number }): Promise<void>;
}

interface PostgresClient {
  options: Record<string, unknown>;
  reserve: unknown;
}

// The claims this process holds, per database client: an advisory lock is re-entrant within
// its session, so two runs of one period in one process are told apart here.
const heldHere = new WeakMap<object, Set<string>>();

// PostgreSQL: one connection of its own per client holds this process's leases, outside the
// pool, so a lease never takes a connection the work needs (a pool of one, as the seed's,
// would wait on itself). Opened with the first lease and closed with the last.
const leaseSessions = new WeakMap<object, { sql: LeaseSql; leases: number }>();

function isPostgresClient(client: unknown): client is PostgresClient {
  const c = client as Partial<PostgresClient> | null;
  return typeof client === "function" && typeof c?.reserve === "function" && typeof c.options === "object";
}

function openLeaseSession(client: PostgresClient): { sql: LeaseSql; leases: number } {
  let session = leaseSessions.get(client);
  if (!session) {
    // As postgres.js's own LISTEN connection: no idle or lifetime limit, which would end
    // the session (and drop its locks) in the middle of a long run.
    const options = { ...client.options, max: 1, idle_timeout: null, max_lifetime: null, fetch_types: false };
    const sql = postgres(options as unknown as postgres.Options<Record<string, never>>) as unknown as LeaseSql;
    session = { sql, leases: 0 };
    leaseSessions.set(client, session);
  }
  session.leases++;
  return session;
}

async function closeLeaseSession(client: PostgresClient, session: { sql: LeaseSql; leases: number }): Promise<void> {
  if (--session.leases > 0) return;
  if (leaseSessions.get(client) === session) leaseSessions.delete(client);
  await session.sql.end({ timeout: 5 });
}

/**
 * The lease on (job, period): held for as long as the worker lives, and free the moment it
 * dies, whatever clock the runs use.
 * - PostgreSQL: a session-level advisory lock, on a connection of the lease's own (above).
 *   The server drops it when that session ends (process killed, machine gone, connection
 *   cut), so the next run takes it at once.
 * - PGlite: the database is one process's (the folder is never opened by two processes), so
 *   a claim is live only while this process holds it; any other 'running' row is a dead one.
 * Null: a live worker holds it.
 */
async function takeLease(db: Db, key: string): Promise<Lease | null> {
  const client = (db as unknown as { $client: object }).$client;
  let held = heldHere.get(client);
  if (!held) heldHere.set(client, (held = new Set()));
  if (held.has(key)) return null;
  held.add(key);
  const forget = () => void held.delete(key);
  if (!isPostgresClient(client)) return { release: async () => forget() };

  const session = openLeaseSession(client);
  let locked = false;
  try {
    const [row] = await session.sql<{ ok: boolean }[]>`select pg_try_advisory_lock(hashtextextended(${key}, 0)) as ok`;
    locked = row?.ok === true;
  } finally {
    if (!locked) {
      forget();
      await closeLeaseSession(client, session);
    }
  }
  if (!locked) return null;
  return {
    release: async () => {
      try {
        await session.sql`select pg_advisory_unlock(hashtextextended(${key}, 0))`;
      } finally {
        forget();
        await closeLeaseSession(client, session);
      }
    },
  };
}

/**
 * Runs `fn` once for (job, periodKey). The claim is the job_runs row (unique per job and
 * period), taken only under the period's lease (above): a second instance while the first
 * lives, or a rerun of a period already done, does nothing; a 'running' row whose lease is
 * free belongs to a worker that died and is taken over at once, as is one that failed. The
 * work itself must be idempotent (the billing run, the invoices and the overdue steps are).
 * A takeover clears the failures the dead attempt recorded: it retries those accounts.
 */
export async function runPeriod<T>(db: Db, job: string, periodKey: string, now: Date, fn: (claim: JobRunClaim) => Promise<T>): Promise<PeriodRun<T>> {
  const lease = await takeLease(db, `job-run:${job}:${periodKey}`);
  if (!lease) return { ran: false };
  try {
    const claimed =
      (await db.insert(jobRuns).values({ job, periodKey, status: "running", startedAt: now, workerId: WORKER_ID }).onConflictDoNothing().returning({ id: jobRuns.id }))[0] ??
      (
        await db
          .update(jobRuns)
          .set({ status: "running", startedAt: now, finishedAt: null, error: null, workerId: WORKER_ID })
          .where(and(eq(jobRuns.job, job), eq(jobRuns.periodKey, periodKey), inArray(jobRuns.status, ["failed", "running"])))
          .returning({ id: jobRuns.id })
      )[0];
    if (!claimed) return { ran: false };
    await db.delete(jobRunFailures).where(eq(jobRunFailures.jobRunId, claimed.id));
    const claim: JobRunClaim = { id: claimed.id };
    try {
      const result = await fn(claim);
      await db
        .update(jobRuns)
        .set({
          status: claim.incomplete ? "failed" : "done",
          finishedAt: sql`greatest(${now.toISOString()}::timestamptz, ${jobRuns.startedAt})`,
          error: claim.incomplete?.slice(0, 1000) ?? null,
          workerId: null,
        })
        .where(eq(jobRuns.id, claimed.id));
      return { ran: true, result };
    } catch (e) {
      await db
        .update(jobRuns)
        .set({ status: "failed", finishedAt: now, error: errorText(e), workerId: null })
        .where(eq(jobRuns.id, claimed.id))
        .catch(() => {});
      throw e;
    }
  } finally {
    await lease.release();
  }
}

/** Records an account a run skipped (its own work failed), shown on the staff Runs page. */
export async function recordAccountFailure(db: Db, claim: JobRunClaim, accountId: string, error: unknown, at: Date): Promise<void> {
  await db.insert(jobRunFailures).values({ jobRunId: claim.id, accountId, error: errorText(error), failedAt: at });
}

/** An error as staff read it: the database's own message (Drizzle wraps it with the whole statement and its parameters). */
export function errorText(e: unknown): string {
  let cur = e;
  for (let depth = 0; depth < 5 && cur instanceof Error && cur.cause instanceof Error; depth++) cur = cur.cause;
  return String(cur instanceof Error ? cur.message : cur).slice(0, 1000);
}

/** The start of the UTC hour containing `t`. */
export function hourStart(t: Date): Date {
  return new Date(Math.floor(t.getTime() / 3_600_000) * 3_600_000);
}

/**
 * The job name of a run limited to some accounts, so it never takes the whole job's period.
 * The set is named by its size and a hash of the sorted ids, so a scope of thousands of
 * accounts still fits the job_runs key (an index row holds at most 8 kB).
 */
export function scopedJob(job: string, accountIds?: string[]): string {
  if (!accountIds) return job;
  const ids = [...new Set(accountIds)].sort();
  return `${job}:accounts:${ids.length}:${createHash("sha256").update(ids.join(",")).digest("hex").slice(0, 32)}`;
}
