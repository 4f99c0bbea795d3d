// `DATABASE_URL=… npm run bench:overview`: requests per second and p99 of the Billing
// Center overview for a signed-in finance user, on accounts with 1 and 5 years of hourly
// billing history in a database of a million ledger entries, beside a minimal signed-in
// page of the same app (/a/<account>/ping: the console layout and the overview's guard,
// then the account's name) measured in the same run with the same load. The app
// runs as a production build (`next start`) on a fresh database of the server of
// DATABASE_URL, which the bench creates, fills and drops. The last line is what CI reads.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import autocannon from "autocannon";
import { encode } from "next-auth/jwt";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedCatalogue } from "@/lib/demo/catalogue";
import { rebuildMonthlySpend, verifyMonthlySpend } from "@/lib/billing/spend";
import { SYSTEM_SHARDS, verifyLedger } from "@/lib/ledger";
import { benchServer } from "./scratch";

const DB_NAME = process.env.BENCH_DATABASE ?? "billing_bench_overview";
/** The ledger entries the database holds before measuring (the two measured accounts included). */
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 3461);
const DIST = process.env.NEXT_DIST_DIR ?? ".next-bench";
/** Measure again on the database a run with BENCH_KEEP=1 left (skips the 5 minutes of generating it). */
const REUSE = process.env.BENCH_REUSE === "1";
const COOKIE = "authjs.session-token";
const HOUR = 3_600_000;
/** Every measured account runs three instances at $0.10 an hour (whole cents, so nothing accrues). */
const UNIT_PRICE = 100_000n;
/** The two measured accounts come first in the plans. */
const MEASURED = 2;
const VOUCHER = 30_000_000n;

interface Plan {
  name: string;
  years: number;
  resources: number;
}

const hourFloor = (t: number) => Math.floor(t / HOUR) * HOUR;

/**
 * The history, as the billing cycle and top-ups would have written it, in bulk: per
 * account and hour, one charge row per running resource and one usage posting of their
 * sum (cash −, revenue shard +) at minute 5 of the next hour; on the first of each month
 * (and when the history starts, with a $500 float), a top-up of 31 days' usage (cash +,
 * clearing −). Entries go through the ledger's own triggers (cached balances,
 * balance_after, the balanced-transaction check at commit), in time order.
 */
async function generateHistory(sql: postgres.Sql, plans: Plan[], end: number): Promise<{ ids: string[]; months: number }> {
  const ids: string[] = [];
  for (const p of plans) {
    const start = end - p.years * 365 * 24 * HOUR;
    const [a] = await sql`insert into accounts (name, created_at) values (${p.name}, ${new Date(start - HOUR)}) returning id`;
    ids.push(a!.id as string);
  }
  await sql`insert into ledger_accounts (kind, account_id, ref, shard)
    select k::ledger_account_kind, a, null, 0 from unnest(${ids}::uuid[]) a, unnest(array['cash', 'frozen']) k
    union all select 'revenue', null, null, s from generate_series(0, ${SYSTEM_SHARDS - 1}) s
    union all select 'payment_clearing', null, 'test', s from generate_series(0, ${SYSTEM_SHARDS - 1}) s
    on conflict do nothing`;
  await sql`insert into billing_settings (account_id) select unnest(${ids}::uuid[]) on conflict do nothing`;
  await sql`insert into account_billing_state (account_id) select unnest(${ids}::uuid[]) on conflict do nothing`;
  for (const [i, p] of plans.entries()) {
    const start = new Date(end - p.years * 365 * 24 * HOUR);
    await sql`insert into resources (account_id, product_id, name, quantity, status, billing_mode, unit_price, started_at, billed_until, request_key, created_at, updated_at)
      select ${ids[i]!}, 'ecs.g7.large', 'vm-' || n, 1, 'running', 'payg_hourly', ${UNIT_PRICE.toString()}, ${start}, ${new Date(end)}, 'bench-' || n, ${start}, ${start}
      from generate_series(1, ${p.resources}) n`;
  }
  // The revenue and clearing shard of each account, as lib/ledger's shardFor picks them.
  await sql`create table bench_plan as
    select a.id as account_id, r.started_at as start, sum(r.unit_price * r.quantity)::bigint as hourly,
      (select id from ledger_accounts where kind = 'cash' and account_id = a.id) as cash_la,
      (select id from ledger_accounts where kind = 'revenue' and shard = ('x' || right(replace(a.id::text, '-', ''), 8))::bit(32)::bigint % ${SYSTEM_SHARDS}) as revenue_la,
      (select id from ledger_accounts where kind = 'payment_clearing' and ref = 'test' and shard = ('x' || right(replace(a.id::text, '-', ''), 8))::bit(32)::bigint % ${SYSTEM_SHARDS}) as clearing_la
    from accounts a join resources r on r.account_id = a.id
    where a.id = any(${ids}::uuid[]) group by a.id, r.started_at`;
  await sql`analyze bench_plan`;
  // The measured accounts redeem a $30 voucher on the first of each quarter; it pays every
  // hour's usage ($0.30) until it is used up 100 hours later, as the billing cycle would.
  const measured = ids.slice(0, MEASURED);
  await sql`insert into vouchers (code_hash, account_id, face_value, valid_from, valid_until, status, created_at, code_hint, redeemed_at)
    select md5(p.account_id || q::text), p.account_id, ${VOUCHER.toString()}, q, q + interval '3 months', 'active', q, upper(right(md5(p.account_id || q::text), 4)), q
    from bench_plan p, generate_series(date_trunc('quarter', p.start at time zone 'UTC') at time zone 'UTC' + interval '3 months', ${new Date(end)}::timestamptz, interval '3 months') q
    where p.account_id = any(${measured}::uuid[]) and q + interval '100 hours' <= ${new Date(end)}::timestamptz`;
  await sql`insert into ledger_accounts (kind, account_id, ref, shard) select 'voucher', account_id, id::text, 0 from vouchers`;
  await sql`insert into ledger_accounts (kind, account_id, ref, shard) select 'voucher_issuance', null, null, s from generate_series(0, ${SYSTEM_SHARDS - 1}) s on conflict do nothing`;
  await sql`create table bench_vouchers as
    select v.id, v.account_id, v.valid_from as from_h, v.valid_from + (${VOUCHER.toString()}::bigint / p.hourly) * interval '1 hour' as until_h,
      (select id from ledger_accounts where kind = 'voucher' and ref = v.id::text) as voucher_la,
      (select id from ledger_accounts where kind = 'voucher_issuance' and shard = ('x' || right(replace(v.account_id::text, '-', ''), 8))::bit(32)::bigint % ${SYSTEM_SHARDS}) as issuance_la
    from vouchers v join bench_plan p on p.account_id = v.account_id`;
  await sql`analyze bench_vouchers`;

  const first = Math.min(...plans.map((p) => end - p.years * 365 * 24 * HOUR));
  // One transaction per week: a row updated many times in one transaction leaves a chain
  // of versions that every later update and foreign-key check in it walks (a month per
  // transaction ran at half the speed).
  const bounds: number[] = [first];
  for (let d = Math.floor(first / (24 * HOUR) + 1) * 24 * HOUR; d < end; d += 7 * 24 * HOUR) bounds.push(d);
  bounds.push(end);
  const endAt = new Date(end);
  for (let b = 0; b + 1 < bounds.length; b++) {
    const lo = new Date(bounds[b]!);
    const hi = new Date(bounds[b + 1]!);
    // Hours of the week per account, with the voucher paying them if any; the batch key
    // names the hour's billing batch as lib/billing/charge.ts does.
    const hours = sql`select p.*, h, v.id as voucher_id, v.voucher_la, 'billing:' || p.account_id || ':' || extract(epoch from h)::bigint as batch_key
      from bench_plan p cross join generate_series(greatest(p.start, ${lo}::timestamptz), least(${hi}::timestamptz, ${endAt}::timestamptz) - interval '1 hour', interval '1 hour') h
      left join bench_vouchers v on v.account_id = p.account_id and h >= v.from_h and h < v.until_h`;
    await sql.begin(async (tx) => {
      await tx`insert into charges (account_id, resource_id, product_id, period_start, period_end, quantity, unit_price, gross, discount, voucher_paid, cash_part, posting_key, created_at)
        select r.account_id, r.id, r.product_id, x.h, x.h + interval '1 hour', r.quantity, r.unit_price, r.unit_price * r.quantity, 0,
          case when x.voucher_id is null then 0 else r.unit_price * r.quantity end, case when x.voucher_id is null then r.unit_price * r.quantity else 0 end,
          x.batch_key, x.h + interval '65 minutes'
        from (${hours}) x join resources r on r.account_id = x.account_id
        order by x.h, r.account_id, r.id`;
      // Each row is one posting: amount to plus_la, minus amount from minus_la.
      await tx`with hrs as materialized (${hours}),
        rows as materialized (
          select account_id, 'top_up' as type, h as at, hourly * 24 * 31 + case when h = start then 500000000 else 0 end as amount,
              cash_la as plus_la, clearing_la as minus_la, 'top-up:' || account_id || ':' || extract(epoch from h)::bigint as key, 'Top-up via test' as description
            from hrs where h = start or (extract(day from h at time zone 'UTC') = 1 and extract(hour from h at time zone 'UTC') = 0)
          union all
          select v.account_id, 'voucher_issue', v.from_h, ${VOUCHER.toString()}::bigint, v.voucher_la, v.issuance_la, 'voucher-redeem:' || v.id, 'Voucher redeemed'
            from bench_vouchers v where v.from_h >= ${lo}::timestamptz and v.from_h < ${hi}::timestamptz
          union all
          select account_id, case when voucher_id is null then 'usage' else 'voucher_usage' end, h + interval '65 minutes', hourly,
              revenue_la, coalesce(voucher_la, cash_la), batch_key || coalesce(':voucher:' || voucher_id, ':cash'),
              case when voucher_id is null then 'Pay-as-you-go usage' else 'Usage paid by voucher' end
            from hrs
        ), tx as (
          insert into ledger_transactions (account_id, type, description, idempotency_key, request_hash, actor_kind, created_at)
          select account_id, type, description, key, md5(key || amount), 'system', at from rows order by at, account_id, type
          returning id, seq, idempotency_key
        )
        insert into ledger_entries (transaction_id, ledger_account_id, amount)
        select tx.id, e.la, e.amount
        from tx join rows r on r.key = tx.idempotency_key
          cross join lateral (values (r.minus_la, -r.amount, 1), (r.plus_la, r.amount, 2)) e(la, amount, n)
        order by tx.seq, e.n`;
    });
  }
  await sql`drop table bench_vouchers`;
  await sql`drop table bench_plan`;
  return { ids, months: bounds.length - 1 };
}

/** One invoice per closed month, from the rollup, paid from the balance: the overview lists the latest three. */
async function generateInvoices(sql: postgres.Sql, end: number): Promise<void> {
  const current = new Date(Date.UTC(new Date(end).getUTCFullYear(), new Date(end).getUTCMonth(), 1));
  await sql`insert into invoices (number, account_id, period, period_start, period_end, issued_at, due_at, locale, profile, gross, discount, voucher, net, rounding, total, paid_from_balance, amount_due, payments, created_at)
    select 'INV-B' || lpad((row_number() over (order by m.month, m.account_id))::text, 8, '0'), m.account_id, to_char(m.month, 'YYYY-MM'),
      m.month::timestamp at time zone 'UTC', (m.month + interval '1 month')::timestamp at time zone 'UTC',
      (m.month + interval '1 month 4 days')::timestamp at time zone 'UTC', (m.month + interval '1 month 19 days')::timestamp at time zone 'UTC', 'en',
      jsonb_build_object('accountName', a.name, 'companyName', a.name, 'address', '', 'country', '', 'taxId', '', 'billingEmail', null),
      m.gross, m.discount, m.voucher_paid, m.cash_paid, 0, m.cash_paid, m.cash_paid, 0, '[]'::jsonb, (m.month + interval '1 month 4 days')::timestamp at time zone 'UTC'
    from monthly_spend m join accounts a on a.id = m.account_id
    where m.month < ${current.toISOString().slice(0, 10)}::date`;
}

/** Builds the app into DIST (unless BENCH_SKIP_BUILD=1); next build rewrites tsconfig.json, which is put back. */
function build(): void {
  if (process.env.BENCH_SKIP_BUILD === "1") return;
  const tsconfig = readFileSync("tsconfig.json", "utf8");
  try {
    const r = spawnSync("npx", ["next", "build"], { env: { ...process.env, NEXT_DIST_DIR: DIST }, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`next build failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    if (readFileSync("tsconfig.json", "utf8") !== tsconfig) writeFileSync("tsconfig.json", tsconfig);
  }
}

async function startApp(databaseUrl: string, secret: string): Promise<ChildProcess> {
  const child = spawn("npx", ["next", "start", "-p", String(PORT)], {
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, AUTH_SECRET: secret, IN_APP_JOBS: "off", NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${log}`);
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/sign-in`);
      if (res.status === 200) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`next start did not answer within 60 s:\n${log}`);
}

function stopApp(child: ChildProcess): void {
  // The whole group: npx and the next server under it.
  if (child.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  seconds: number;
}

async function load(url: string, cookie: string, seconds: number): Promise<Measured> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: { cookie }, timeout: 30 });
  const bad = r.non2xx + r.errors + r.timeouts;
  if (bad > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  return { rps: r.requests.total / (r.duration || seconds), p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, seconds: r.duration || seconds };
}

async function expectPage(url: string, cookie: string, needles: string[]): Promise<void> {
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}, not 200 (is the session cookie accepted?)`);
  for (const n of needles) if (!body.includes(n)) throw new Error(`${url} answered 200 without ${JSON.stringify(n)}`);
}

async function main(serverUrl: string): Promise<void> {
  const u = new URL(serverUrl);
  u.pathname = `/${DB_NAME}`;
  const databaseUrl = u.toString();
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  let app: ChildProcess | undefined;
  try {
    const reuse = REUSE && (await admin`select 1 from pg_database where datname = ${DB_NAME}`).length > 0;
    if (!reuse) {
      await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
      await admin.unsafe(`create database ${DB_NAME}`);
    }
    const [{ version }] = (await admin`select current_setting('server_version') as version`) as unknown as [{ version: string }];

    // The measured accounts, then background accounts (1 to 4 years, one resource) up to ENTRIES.
    const entriesOf = (p: Plan) => p.years * 365 * 24 * 2 + p.years * 13 * 2;
    const plans: Plan[] = [
      { name: "Bench one year", years: 1, resources: 3 },
      { name: "Bench five years", years: 5, resources: 3 },
    ];
    for (let i = 0; plans.reduce((s, p) => s + entriesOf(p), 0) < ENTRIES; i++) plans.push({ name: `Background ${i + 1}`, years: 1 + (i % 4), resources: 1 });
    const end = hourFloor(Date.now() - 5 * 60_000);

    const handle = openDatabase({ url: databaseUrl, max: 2 });
    // No JIT: the generating statements are costed high and compiling them took longer than running them.
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connection: { jit: "off" } });
    let ids: string[];
    let userId: string;
    let sessionId: string;
    const t0 = performance.now();
    try {
      if (reuse) {
        // A database kept by an earlier run (BENCH_KEEP=1): its history ends when that run made it.
        await migrateDatabase(handle);
        ids = (await sql`select id from accounts where name = any(${plans.slice(0, MEASURED).map((p) => p.name)}) order by created_at desc`).map((r) => r.id as string);
        const [user] = await sql`select id from users where email = 'finance@bench.example'`;
        if (ids.length !== MEASURED || !user) throw new Error(`${DB_NAME} is not a database kept by this bench; run without BENCH_REUSE`);
        userId = user.id as string;
      } else {
        await migrateDatabase(handle);
        await seedCatalogue(handle.db);
        ({ ids } = await generateHistory(sql, plans, end));
        await rebuildMonthlySpend(handle.db);
        await generateInvoices(sql, end);
        const [user] = await sql`insert into users (email, name, locale, last_account_id) values ('finance@bench.example', 'Bench Finance', 'en', ${ids[0]!}) returning id`;
        userId = user!.id as string;
        await sql`insert into memberships (account_id, user_id, role) values (${ids[0]!}, ${userId}, 'finance'), (${ids[1]!}, ${userId}, 'finance')`;
        await sql`vacuum analyze`;
      }
      // The session record the cookie names: the app refuses a token without a live one.
      const [session] = await sql`insert into user_sessions (user_id, user_agent) values (${userId}, 'bench:overview') returning id`;
      sessionId = session!.id as string;
      const generated = (performance.now() - t0) / 1000;
      const report = await verifyLedger(handle.db);
      const spendOff = await verifyMonthlySpend(handle.db);
      if (!report.ok) throw new Error(`verifyLedger failed on the generated history: ${JSON.stringify(report.checks.filter((c) => c.violations))}`);
      if (spendOff.length) throw new Error(`verifyMonthlySpend: ${spendOff.length} months differ, e.g. ${JSON.stringify(spendOff.slice(0, 3))}`);
      const [per] = await sql`select
          (select count(*) from ledger_entries e join ledger_accounts la on la.id = e.ledger_account_id where la.account_id = ${ids[0]!})::int as e1,
          (select count(*) from ledger_entries e join ledger_accounts la on la.id = e.ledger_account_id where la.account_id = ${ids[1]!})::int as e5,
          (select count(*) from charges)::int as charges`;
      console.log(`PostgreSQL ${version}; ${report.counts.entries} ledger entries, ${report.counts.transactions} transactions, ${per!.charges} charges, ${plans.length} accounts; ${reuse ? "reused" : `generated in ${generated.toFixed(0)} s`}`);
      console.log(`history checked: verifyLedger ok (${report.checks.length} checks), verifyMonthlySpend ok (rollup equals the charges)`);
      console.log(`measured accounts: 1 year (${per!.e1} of its entries), 5 years (${per!.e5} of its entries); finance role`);
    } finally {
      await sql.end({ timeout: 5 });
      await handle.close();
    }

    build();
    const secret = randomBytes(32).toString("base64url");
    app = await startApp(databaseUrl, secret);
    const token = await encode({ token: { uid: userId, sid: sessionId, sub: userId, name: "Bench Finance", email: "finance@bench.example" }, secret, salt: COOKIE, maxAge: 8 * 60 * 60 });
    const cookie = `${COOKIE}=${token}`;
    const base = `http://127.0.0.1:${PORT}`;
    const overview1 = `${base}/a/${ids[0]}/billing`;
    const overview5 = `${base}/a/${ids[1]}/billing`;
    const minimal = `${base}/a/${ids[0]}/ping`;
    await expectPage(overview1, cookie, ['data-testid="figure-available"', 'data-testid="runway"', "Bench one year", "INV-B"]);
    await expectPage(overview5, cookie, ['data-testid="figure-available"', 'data-testid="runway"', "Bench five years", "INV-B"]);
    await expectPage(minimal, cookie, ['data-testid="ping"', "Bench one year"]);
    const signedOut = await fetch(overview1, { redirect: "manual" });
    if (signedOut.status < 300 || signedOut.status >= 400) throw new Error(`signed out, the overview answered ${signedOut.status}, not a redirect`);

    for (const url of [minimal, overview1, overview5]) await load(url, cookie, WARMUP_SECONDS);
    // Each page runs twice, in the order minimal, 1y, 5y, 5y, 1y, minimal, and its two runs
    // are added up, so a change in what else the machine does during the run (other
    // builds, other tests) favours no page.
    const runs: Record<"minimal" | "one" | "five", Measured[]> = { minimal: [], one: [], five: [] };
    for (const page of ["minimal", "one", "five", "five", "one", "minimal"] as const) {
      runs[page].push(await load(page === "minimal" ? minimal : page === "one" ? overview1 : overview5, cookie, SECONDS));
    }
    const both = (m: Measured[]) => ({
      rps: m.reduce((s, x) => s + x.requests, 0) / m.reduce((s, x) => s + x.seconds, 0),
      p50: Math.max(...m.map((x) => x.p50)),
      p99: Math.max(...m.map((x) => x.p99)),
      each: m.map((x) => `${x.rps.toFixed(1)} req/s p99 ${x.p99} ms`).join(", "),
    });
    const min = both(runs.minimal);
    const one = both(runs.one);
    const five = both(runs.five);

    const f = (m: ReturnType<typeof both>) => `${m.rps.toFixed(1).padStart(6)} req/s, p50 ${String(m.p50).padStart(4)} ms, p99 ${String(m.p99).padStart(4)} ms  (${m.each})`;
    console.log(`autocannon: ${CONNECTIONS} connections, two runs of ${SECONDS} s per page (p50 and p99: the worse run) after ${WARMUP_SECONDS} s warm-up each; next start (production build) on the same machine`);
    console.log(`minimal signed-in page:        ${f(min)}`);
    console.log(`overview, 1 year of history:   ${f(one)}`);
    console.log(`overview, 5 years of history:  ${f(five)}`);
    console.log(`overview p99: 1 year ${one.p99} ms, 5 years ${five.p99} ms (5y/1y ${(five.p99 / one.p99).toFixed(2)}); req/s 5y/1y ${(five.rps / one.rps).toFixed(2)}`);
    console.log(`bench overview: ratio ${(one.rps / min.rps).toFixed(2)} (target 0.5)`);
  } finally {
    if (app) stopApp(app);
    if (process.env.BENCH_KEEP !== "1" && !REUSE) {
      await new Promise((r) => setTimeout(r, 500));
      await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
    }
    await admin.end({ timeout: 5 });
  }
}

await main(benchServer("bench:overview measures the app on a PostgreSQL server: set DATABASE_URL (it creates, fills and drops its own database there)."));
