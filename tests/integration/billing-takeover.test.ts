// The real CLI (`npm run billing:run -- --until T`, every due job, no --account) killed with
// SIGKILL mid-run and run again with the same --until, on PostgreSQL: the rerun takes the dead
// run's period over at once and does exactly what is left. Fleets by bulk SQL. The clocks are
// years before every other file's (2013, 2014), so these whole-platform runs charge and invoice
// only this file's fleets; each fleet is stopped when its test ends.
import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBilling } from "@/lib/billing/run";
import { rowsOf } from "@/db/rows";
import { atTime } from "@/lib/clock";
import { verifyLedger } from "@/lib/ledger";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { bulkFleet, fleetCharges, stopFleet } from "./bulk-fleet";

const handle = useTestDb();
const db = () => handle().db;
const fleets: string[][] = [];
beforeAll(async () => {
  // A database these tests ran on before: its periods of 2013 and 2014 are done; free them.
  await db().execute(sql`delete from job_runs where period_key like '2013-%' or period_key like '2014-%'`);
});
afterAll(async () => {
  for (const f of fleets) await stopFleet(db(), f);
});

interface Child {
  code: Promise<number | null>;
  out: () => string;
  kill: () => void;
}

/** The CLI as an operator runs it: node itself (not npx), so a SIGKILL hits the process doing the work. */
function cli(until: Date): Child {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/billing-run.ts", "--until", until.toISOString()], { env: process.env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  return { code: new Promise((resolve) => child.on("exit", (code) => resolve(code))), out: () => out, kill: () => child.kill("SIGKILL") };
}

/** Runs the CLI and kills it once `progress()` says it is under way; returns what it had done then. */
async function killMidRun(until: Date, progress: () => Promise<number>): Promise<number> {
  const child = cli(until);
  let seen = 0;
  let exited = false;
  void child.code.then(() => (exited = true));
  while (!exited) {
    seen = await progress();
    if (seen > 0) {
      child.kill();
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(await child.code).toBeNull(); // killed, not finished
  return seen;
}

const time = (iso: string) => new Date(iso);

describe.skipIf(!process.env.DATABASE_URL)("crash takeover on PostgreSQL: the real CLI killed mid-run, then rerun with the same --until", () => {
  it("the invoice job killed while issuing a month for 200 accounts: the rerun issues the rest, once each, numbers without gaps", async () => {
    await ensureCatalogue(db());
    const start = time("2013-04-15T00:00:00Z");
    const { accountIds } = await bulkFleet(db(), { label: "Invoice crash", accounts: 200, perAccount: 1, start });
    fleets.push(accountIds);
    // April's activity, charged by the engine at April's time; then stopped, so May has none.
    await atTime(time("2013-04-15T03:30:00Z"), () => runBilling(db(), { until: time("2013-04-15T03:00:00Z"), accountIds }));
    await stopFleet(db(), accountIds);
    const ids = sql`${sql.param(accountIds)}::uuid[]`;
    const issued = async () => Number((await rowsOf(db(), sql`select count(*)::int n from invoices where period = '2013-04' and account_id = any(${ids})`))[0]!.n);

    const until = time("2013-05-06T00:00:00Z"); // the 5th has begun: April's invoices are due
    const started = Date.now();
    const mid = await killMidRun(until, issued);
    expect(mid).toBeGreaterThan(0);
    expect(await issued()).toBeLessThan(200);
    const rerun = cli(until);
    expect(await rerun.code).toBe(0);
    expect(rerun.out()).toMatch(/invoices 2013-04: \d+ issued/);
    console.log(`invoice crash: killed after ${mid} invoices, both runs ${Date.now() - started} ms`);

    const [r] = await rowsOf(
      db(),
      sql`select count(*)::int n, count(distinct account_id)::int accounts, count(distinct number)::int numbers,
            max(substr(number, 4)::bigint) - min(substr(number, 4)::bigint) + 1 span
          from invoices where period = '2013-04' and account_id = any(${ids})`,
    );
    expect(r).toMatchObject({ n: 200, accounts: 200, numbers: 200 });
    // No number skipped or taken twice in the whole sequence (other files issue at the same time).
    const [all] = await rowsOf(db(), sql`select count(*)::int n, count(distinct number)::int d, max(substr(number, 4)::bigint)::int top, (select last_number::int from invoice_number_counter where id = 1) counter from invoices`);
    expect(all!.d).toBe(all!.n);
    expect(all!.top).toBe(all!.counter);
    expect(all!.n).toBe(all!.counter);
  });

  it("the billing cycle killed mid-run over 3,000 resources: the rerun charges exactly what is left; two runs started together bill once", async () => {
    await ensureCatalogue(db());
    const start = time("2014-02-01T00:00:00Z");
    const HOURS = 6;
    // 300 accounts × 10 resources: three batches of 100 accounts, each its own transaction.
    const { accountIds, resources } = await bulkFleet(db(), { label: "Billing crash", accounts: 300, perAccount: 10, start });
    fleets.push(accountIds);
    expect(resources).toBe(3000);
    const charged = async () => (await fleetCharges(db(), accountIds)).charges;

    const until = time("2014-02-01T06:00:00Z");
    const started = Date.now();
    const mid = await killMidRun(until, charged);
    expect(mid).toBeGreaterThan(0);
    expect(await charged()).toBeLessThan(resources * HOURS); // it really died mid-run
    const rerun = cli(until);
    expect(await rerun.code).toBe(0);
    expect(rerun.out()).toMatch(/billing cycle 2014-02-01T05:00:00.000Z: \d+ charges/);
    expect(await fleetCharges(db(), accountIds)).toEqual({ charges: resources * HOURS, distinct: resources * HOURS, minPerResource: HOURS, maxPerResource: HOURS, gaps: 0 });
    console.log(`billing crash: killed after ${mid} charges, both runs ${Date.now() - started} ms`);

    // Two runs of the next hours started together: one takes the period, the other finds it taken.
    const later = time("2014-02-01T09:00:00Z");
    const [a, b] = [cli(later), cli(later)];
    expect([await a.code, await b.code]).toEqual([0, 0]);
    const ran = [a.out(), b.out()].filter((o) => /billing cycle 2014-02-01T08:00:00.000Z: \d+ charges/.test(o));
    expect(ran).toHaveLength(1);
    expect(await fleetCharges(db(), accountIds)).toEqual({ charges: resources * 9, distinct: resources * 9, minPerResource: 9, maxPerResource: 9, gaps: 0 });
    expect((await verifyLedger(db())).ok).toBe(true);
  });
});
