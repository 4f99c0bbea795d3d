import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestRunAccountFailures } from "@/db/queries/job-run-failures";
import { jobRunFailures, jobRuns } from "@/db/schema";
import { runBilling } from "@/lib/billing/run";
import { rowsOf } from "@/db/rows";
import { atTime } from "@/lib/clock";
import { BILLING_CYCLE_JOB, billingCycleJob } from "@/lib/jobs/billing-cycle";
import { INVOICES_JOB, invoicesJob } from "@/lib/jobs/invoices";
import { runPeriod, scopedJob } from "@/lib/jobs/job-runs";
import { verifyLedger } from "@/lib/ledger";
import { ensureCatalogue } from "../fixtures/billing";
import { onPostgres, openTestDb, useTestDb } from "../fixtures/db";
import { bulkFleet, fleetCharges, stopFleet } from "./bulk-fleet";

const handle = useTestDb();
const db = () => handle().db;
// Later than the whole-platform CLI runs of billing-takeover.test.ts, so those never charge this fleet.
const T0 = new Date("2016-03-01T00:00:00Z");
const hour = (h: number, m = 0) => new Date(T0.getTime() + h * 3_600_000 + m * 60_000);
const PER_ACCOUNT = 20;

describe("one failing account never stops the others", () => {
  let fleet: string[] = [];
  let bad = "";
  const trigger = `fail_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;

  beforeAll(async () => {
    await ensureCatalogue(db());
    fleet = (await bulkFleet(db(), { label: "Failing", accounts: 5, perAccount: PER_ACCOUNT, start: T0 })).accountIds;
    bad = fleet[2]!;
    // The bad account: every charge row of it is refused by the database, as a constraint would.
    await db().execute(sql.raw(`create function ${trigger}() returns trigger language plpgsql as $$
      begin if new.account_id = '${bad}' then raise exception 'charge refused for this account (test)'; end if; return new; end $$`));
    await db().execute(sql.raw(`create trigger ${trigger} before insert on charges for each row execute function ${trigger}()`));
  });
  afterAll(async () => {
    await db().execute(sql.raw(`drop trigger if exists ${trigger} on charges`));
    await db().execute(sql.raw(`drop function if exists ${trigger}()`));
    await stopFleet(db(), fleet);
  });

  // PGlite: the whole platform's job (the file's own database). PostgreSQL is shared with
  // the other files, so there the job is limited to this fleet (a job of its own name).
  const scope = () => (onPostgres() ? fleet : undefined);
  const job = () => scopedJob(BILLING_CYCLE_JOB, scope());
  const perAccount = async (accountId: string) => (await fleetCharges(db(), [accountId])).charges;

  it("the job bills the rest, records the failure with the account for the Runs page, and the next run retries it", async () => {
    const first = await billingCycleJob(db(), { now: hour(3, 5), accountIds: scope() });
    expect(first).toMatchObject({ periodKey: hour(2).toISOString(), failedAccounts: 1 });
    for (const a of fleet) expect(await perAccount(a)).toBe(a === bad ? 0 : 3 * PER_ACCOUNT);
    const [run] = await db().select().from(jobRuns).where(and(eq(jobRuns.job, job()), eq(jobRuns.periodKey, hour(2).toISOString())));
    expect(run).toMatchObject({ status: "done", workerId: null });
    const failures = await db().select().from(jobRunFailures).where(eq(jobRunFailures.jobRunId, run!.id));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ accountId: bad, error: expect.stringContaining("charge refused for this account") });
    // What the staff Runs page shows: the account (its name links to its page) and the error.
    const shown = (await latestRunAccountFailures(db(), [job()])).get(job());
    expect(shown).toMatchObject({ periodKey: hour(2).toISOString(), total: 1, failures: [{ accountId: bad, accountName: expect.stringMatching(/^Failing /), error: expect.stringContaining("charge refused") }] });

    // Batches after the failing one are billed too (2 accounts a batch: the bad one is in the second of three).
    const direct = await runBilling(db(), { until: hour(4), accountIds: fleet, batchSize: 2 });
    expect([...direct.failed.keys()]).toEqual([bad]);
    for (const a of fleet) expect(await perAccount(a)).toBe(a === bad ? 0 : 4 * PER_ACCOUNT);

    // Fixed: the next hour's run catches the account up, once; its run lists no failure.
    await db().execute(sql.raw(`drop trigger ${trigger} on charges`));
    const next = await billingCycleJob(db(), { now: hour(5, 5), accountIds: scope() });
    expect(next).toMatchObject({ failedAccounts: 0 });
    const after = await fleetCharges(db(), fleet);
    expect(after).toMatchObject({ charges: 5 * PER_ACCOUNT * 5, distinct: 5 * PER_ACCOUNT * 5, minPerResource: 5, maxPerResource: 5, gaps: 0 });
    expect((await latestRunAccountFailures(db(), [job()])).get(job())).toBeUndefined();
    expect((await verifyLedger(db())).ok).toBe(true);
  });
});

describe("one account's invoice failing never stops the month's others", () => {
  it("issues the rest, keeps the period open with the failure listed, and the next run issues the missing one", async () => {
    await ensureCatalogue(db());
    const { accountIds } = await bulkFleet(db(), { label: "Invoice failing", accounts: 3, perAccount: 2, start: new Date("2016-07-10T00:00:00Z") });
    await atTime(new Date("2016-07-10T02:30:00Z"), () => runBilling(db(), { until: new Date("2016-07-10T02:00:00Z"), accountIds }));
    await stopFleet(db(), accountIds);
    const bad = accountIds[1]!;
    const trigger = `fail_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
    await db().execute(sql.raw(`create function ${trigger}() returns trigger language plpgsql as $$
      begin if new.account_id = '${bad}' then raise exception 'invoice refused for this account (test)'; end if; return new; end $$`));
    await db().execute(sql.raw(`create trigger ${trigger} before insert on invoices for each row execute function ${trigger}()`));
    const now = new Date("2016-08-05T00:30:00Z");
    const scope = onPostgres() ? accountIds : undefined;
    const job = scopedJob(INVOICES_JOB, scope);
    const issuedTo = async () => (await rowsOfInvoices(accountIds)).sort();
    try {
      expect(await invoicesJob(db(), { now, accountIds: scope, pdf: false })).toMatchObject({ periodKey: "2016-07", issued: 2, failed: 1 });
      expect(await issuedTo()).toEqual([accountIds[0], accountIds[2]].sort());
      const [run] = await db().select().from(jobRuns).where(and(eq(jobRuns.job, job), eq(jobRuns.periodKey, "2016-07")));
      expect(run).toMatchObject({ status: "failed", error: expect.stringContaining("1 account failed to issue") });
      expect((await latestRunAccountFailures(db(), [job])).get(job)).toMatchObject({ total: 1, failures: [{ accountId: bad, error: expect.stringContaining("invoice refused") }] });
    } finally {
      await db().execute(sql.raw(`drop trigger if exists ${trigger} on invoices`));
      await db().execute(sql.raw(`drop function if exists ${trigger}()`));
    }
    // The next hour's run, the trigger gone: the missing invoice is issued, the others are not issued twice.
    expect(await invoicesJob(db(), { now: new Date("2016-08-05T01:30:00Z"), accountIds: scope, pdf: false })).toMatchObject({ issued: 1, existing: 2, failed: 0 });
    expect(await issuedTo()).toEqual([...accountIds].sort());
    expect((await db().select().from(jobRuns).where(and(eq(jobRuns.job, job), eq(jobRuns.periodKey, "2016-07"))))[0]).toMatchObject({ status: "done", error: null });
    expect((await latestRunAccountFailures(db(), [job])).get(job)).toBeUndefined();
  });
});

async function rowsOfInvoices(accountIds: string[]): Promise<string[]> {
  const rows = await rowsOf(db(), sql`select account_id from invoices where period = '2016-07' and account_id = any(${sql.param(accountIds)}::uuid[])`);
  return rows.map((r) => String(r.account_id));
}

describe("a period claim is a lease held by a live worker", () => {
  it("a second run while the first lives does nothing; a dead worker's claim is taken over at once, with the same clock", async () => {
    const job = `lease-${crypto.randomUUID()}`;
    const now = new Date("2016-05-01T00:05:00Z");
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = runPeriod(db(), job, "p1", now, async () => {
      await held;
      return "first";
    });
    await expect.poll(async () => (await db().select().from(jobRuns).where(eq(jobRuns.job, job))).length).toBe(1);
    expect(await runPeriod(db(), job, "p1", now, async () => "second")).toEqual({ ran: false });
    release();
    expect(await first).toEqual({ ran: true, result: "first" });
    expect(await runPeriod(db(), job, "p1", now, async () => "again")).toEqual({ ran: false });

    // Left 'running' by a worker that is gone (killed): the next run takes it over, same `now`.
    await db().insert(jobRuns).values({ job, periodKey: "p2", status: "running", startedAt: now, workerId: "gone:1" });
    expect(await runPeriod(db(), job, "p2", now, async () => "taken over")).toEqual({ ran: true, result: "taken over" });
  });

  it.skipIf(!onPostgres())("on PostgreSQL, a claim whose worker's session holds the lock is live, and free the moment that session ends", async () => {
    const job = `lease-${crypto.randomUUID()}`;
    const now = new Date("2016-05-01T00:05:00Z");
    await db().insert(jobRuns).values({ job, periodKey: "p", status: "running", startedAt: now, workerId: "other:1" });
    const other = await openTestDb({ max: 1 });
    try {
      await other.db.execute(sql`select pg_advisory_lock(hashtextextended(${`job-run:${job}:p`}, 0))`);
      expect(await runPeriod(db(), job, "p", new Date(now.getTime() + 86_400_000), async () => "too early")).toEqual({ ran: false });
    } finally {
      await other.close(); // the worker's session ends: its lock goes with it
    }
    expect(await runPeriod(db(), job, "p", now, async () => "taken over")).toEqual({ ran: true, result: "taken over" });
  });

  it.skipIf(!onPostgres())("on PostgreSQL, the lease takes no connection of the pool: a pool of one (the seed's, under the migration lock) still runs its periods", async () => {
    const job = `lease-${crypto.randomUUID()}`;
    const now = new Date("2016-05-01T00:05:00Z");
    const single = await openTestDb({ max: 1 });
    try {
      const run = runPeriod(single.db, job, "p", now, async () => (await single.db.select().from(jobRuns).where(eq(jobRuns.job, job))).length);
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("the period waited on its own pool")), 20_000));
      expect(await Promise.race([run, timeout])).toEqual({ ran: true, result: 1 });
      // Two periods at once on the one connection, and the locks are gone when they end.
      const both = await Promise.all(["q1", "q2"].map((k) => runPeriod(single.db, job, k, now, async () => k)));
      expect(both).toEqual([{ ran: true, result: "q1" }, { ran: true, result: "q2" }]);
      const [locks] = await rowsOf(db(), sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = (hashtextextended(${`job-run:${job}:q1`}, 0) & 4294967295)::bigint::oid`);
      expect(Number(locks?.n)).toBe(0);
    } finally {
      await single.close();
    }
  });
});
