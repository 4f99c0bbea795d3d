// `DATABASE_URL=… npm run bench:billing`: one billing cycle over 10,000 running resources
// (500 accounts × 20) on the PostgreSQL server of DATABASE_URL, in a scratch database it
// creates and drops, beside the rate of single usage postings (chargeUsage one by one, on
// one connection like the billing run) measured in the same run; then a catch-up: 200
// accounts × 100 hourly resources 24 hours behind (480,000 charges) through the real
// billing-cycle job with its period claim, with the peak memory (RSS) sampled meanwhile.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountBillingState, accounts, resources } from "@/db/schema";
import { runBilling } from "@/lib/billing/run";
import { verifyMonthlySpend } from "@/lib/billing/spend";
import { rowsOf } from "@/db/rows";
import { billingCycleJob } from "@/lib/jobs/billing-cycle";
import { chargeUsage, topUp, verifyLedger } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { benchServer, withScratchDatabase } from "./scratch";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 500);
const PER_ACCOUNT = Number(process.env.BENCH_PER_ACCOUNT ?? 20);
const SINGLE = Number(process.env.BENCH_SINGLE ?? 3000);
const CATCHUP_ACCOUNTS = Number(process.env.BENCH_CATCHUP_ACCOUNTS ?? 200);
const CATCHUP_PER_ACCOUNT = Number(process.env.BENCH_CATCHUP_PER_ACCOUNT ?? 100);
const CATCHUP_HOURS = Number(process.env.BENCH_CATCHUP_HOURS ?? 24);
const TARGET_RATIO = 4;
const MEMORY_LIMIT_MB = 1024;
const T0 = new Date("2030-01-01T00:00:00Z");
const system = { kind: "system" as const };

async function bench(db: Db, version: string): Promise<void> {
  const ids = (await db.insert(accounts).values(Array.from({ length: ACCOUNTS }, (_, i) => ({ name: `Bench ${i}` }))).returning()).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 50) {
    await Promise.all(ids.slice(i, i + 50).map((a) => topUp(db, { accountId: a, amount: dollars(10_000), provider: "test", idempotencyKey: `bench-topup:${a}`, actor: system })));
  }
  await db.insert(accountBillingState).values(ids.map((accountId) => ({ accountId })));
  const rows = ids.flatMap((accountId) =>
    Array.from({ length: PER_ACCOUNT }, (_, i) => ({
      accountId, productId: "ecs.g7.large", name: `vm-${i}`, quantity: 1n, status: "running" as const, billingMode: "payg_hourly" as const,
      unitPrice: 96_000n, startedAt: T0, billedUntil: T0, requestKey: `bench-${i}`,
    })),
  );
  for (let i = 0; i < rows.length; i += 2000) await db.insert(resources).values(rows.slice(i, i + 2000));
  await db.execute("analyze");

  let t = performance.now();
  const run = await runBilling(db, { until: new Date(T0.getTime() + 3_600_000), batchSize: 100 });
  const runSeconds = (performance.now() - t) / 1000;
  if (run.charges !== ACCOUNTS * PER_ACCOUNT) throw new Error(`expected ${ACCOUNTS * PER_ACCOUNT} charges, got ${run.charges}`);
  const batched = run.charges / runSeconds;

  t = performance.now();
  for (let i = 0; i < SINGLE; i++) {
    await chargeUsage(db, { accountId: ids[i % ids.length]!, amount: 96_000n, idempotencyKey: `bench-single:${i}`, actor: system, resourceId: `single-${i}` });
  }
  const single = SINGLE / ((performance.now() - t) / 1000);
  if (!(await verifyLedger(db)).ok) throw new Error("ledger verify failed after the bench");

  // Catch-up: the first fleet stops (so the job charges only the new one), the new fleet
  // is written by bulk SQL, billed up to CATCHUP_HOURS before the job's period end.
  await db.execute(sql`update resources set status = 'stopped'`);
  const start = new Date(T0.getTime() + 10 * 24 * 3_600_000);
  const periodEnd = new Date(start.getTime() + CATCHUP_HOURS * 3_600_000);
  const fleet = (await rowsOf(db, sql`insert into accounts (name) select 'Catch-up ' || g from generate_series(1, ${CATCHUP_ACCOUNTS}::int) g returning id`)).map((r) => String(r.id));
  const fleetIds = sql`${sql.param(fleet)}::uuid[]`;
  // A credit limit above what they use, so no overrun payment is due at the end of the job.
  await db.execute(sql`insert into billing_settings (account_id, credit_limit) select a, 1000000000000 from unnest(${fleetIds}) a
    on conflict (account_id) do update set credit_limit = excluded.credit_limit`);
  await db.execute(sql`insert into resources (account_id, product_id, name, quantity, status, billing_mode, unit_price, started_at, billed_until, request_key)
    select a, 'ecs.g7.large', 'vm-' || i, 1, 'running', 'payg_hourly', 96000, ${start.toISOString()}::timestamptz, ${start.toISOString()}::timestamptz, 'catch-up-' || i
    from unnest(${fleetIds}) a, generate_series(1, ${CATCHUP_PER_ACCOUNT}::int) i`);
  await db.execute("analyze");
  const expected = CATCHUP_ACCOUNTS * CATCHUP_PER_ACCOUNT * CATCHUP_HOURS;

  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
  t = performance.now();
  const job = await billingCycleJob(db, { now: new Date(periodEnd.getTime() + 5 * 60_000) }).finally(() => clearInterval(sampler));
  const catchUpSeconds = (performance.now() - t) / 1000;
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  if (!job) throw new Error("the billing-cycle job did not run (its period was claimed already)");
  if (job.charges !== expected) throw new Error(`catch-up: expected ${expected} charges, got ${job.charges}`);
  const [c] = await rowsOf(db, sql`select count(*)::int as n, count(distinct (resource_id, period_start))::int as d from charges where account_id = any(${fleetIds})`);
  if (Number(c!.n) !== expected || Number(c!.d) !== expected) throw new Error(`catch-up: ${c!.n} charges, ${c!.d} distinct increments, expected ${expected}`);
  if (!(await verifyLedger(db)).ok) throw new Error("ledger verify failed after the catch-up");
  if ((await verifyMonthlySpend(db)).length) throw new Error("the monthly spend rollup disagrees with the charges after the catch-up");
  const catchUp = expected / catchUpSeconds;
  const peakMb = peakRss / 2 ** 20;

  const f0 = (n: number) => n.toFixed(0).padStart(6);
  console.log(`PostgreSQL ${version}; ${ACCOUNTS} accounts × ${PER_ACCOUNT} hourly resources; one connection each way`);
  console.log(`billing cycle: ${run.charges} charges in ${runSeconds.toFixed(2)} s (${run.batches} transactions): ${f0(batched)} charges/s`);
  console.log(`single postings (chargeUsage one by one, ${SINGLE}):          ${f0(single)} postings/s`);
  console.log(`catch-up (billing-cycle job, ${CATCHUP_ACCOUNTS} accounts × ${CATCHUP_PER_ACCOUNT} resources × ${CATCHUP_HOURS} hours): ${expected} charges in ${catchUpSeconds.toFixed(2)} s: ${f0(catchUp)} charges/s`);
  console.log(`catch-up peak memory: RSS ${peakMb.toFixed(0)} MB (limit ${MEMORY_LIMIT_MB} MB${peakMb < MEMORY_LIMIT_MB ? "" : ", EXCEEDED"}); one cycle vs single postings: ratio ${(batched / single).toFixed(2)}`);
  console.log(`bench billing: ratio ${(catchUp / single).toFixed(2)} (target ${TARGET_RATIO})`);
}

const server = benchServer("bench:billing measures a PostgreSQL server: set DATABASE_URL (it creates and drops its own scratch database there).");
await withScratchDatabase(server, `bc_bench_billing_${process.pid}_${Date.now().toString(36)}`, { max: 4 }, bench);
