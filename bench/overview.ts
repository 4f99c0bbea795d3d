// `DATABASE_URL=… npm run bench:overview`: requests per second and p99 of the Billing
// Center overview for a signed-in finance user, on accounts with 1 and 5 years of hourly
// billing history in a database of a million ledger entries, beside a minimal signed-in
// page of the same app (/a/<account>/ping: the console layout and the overview's guard,
// then the account's name) measured in the same run with the same load. The app
// runs as a production build (`next start`) on a fresh database of the server of
// DATABASE_URL, which the bench creates, fills and drops. The last line is what CI reads.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedCatalogue } from "@/lib/demo/catalogue";
import { rebuildSpendRollups, verifyMonthlySpend } from "@/lib/billing/spend";
import { verifyLedger } from "@/lib/ledger";
import { buildApp, startApp, stopApp } from "./app";
import { expectPage, load, type Measured } from "./page-load";
import { benchServer } from "./scratch";
import { generateHistory, generateInvoices, hourFloor, MEASURED, type Plan } from "./overview-history";

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
        await rebuildSpendRollups(handle.db);
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

    buildApp(DIST);
    const secret = randomBytes(32).toString("base64url");
    app = await startApp({ dist: DIST, port: PORT, databaseUrl, secret });
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

    for (const url of [minimal, overview1, overview5]) await load(url, cookie, WARMUP_SECONDS, CONNECTIONS);
    // Each page runs twice, in the order minimal, 1y, 5y, 5y, 1y, minimal, and its two runs
    // are added up, so a change in what else the machine does during the run (other
    // builds, other tests) favours no page.
    const runs: Record<"minimal" | "one" | "five", Measured[]> = { minimal: [], one: [], five: [] };
    for (const page of ["minimal", "one", "five", "five", "one", "minimal"] as const) {
      runs[page].push(await load(page === "minimal" ? minimal : page === "one" ? overview1 : overview5, cookie, SECONDS, CONNECTIONS));
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
