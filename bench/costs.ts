// `DATABASE_URL=… npm run bench:costs`: requests per second of the cost explorer (the last
// 12 months, daily, grouped by product; and grouped by a tag key) for a signed-in finance
// user, on accounts with 1 and 5 years of hourly, tagged history among at least a million
// charges, beside the minimal signed-in page (/a/<account>/ping) and the usage detail's
// first page of the 5-year account, all in the same run with the same load. The app runs
// as a production build (`next start`) on a fresh database of the server of DATABASE_URL,
// which the bench creates, fills and drops. The last line is what CI reads.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { encode } from "next-auth/jwt";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedCatalogue } from "@/lib/demo/catalogue";
import { rebuildSpendRollups, verifyDailyCosts } from "@/lib/billing/spend";
import { verifyLedger } from "@/lib/ledger";
import { buildApp, startApp, stopApp } from "./app";
import { expectPage, load, type Measured } from "./page-load";
import { benchServer } from "./scratch";
import { generateHistory, generateInvoices, hourFloor, MEASURED, type Plan } from "./overview-history";

const DB_NAME = process.env.BENCH_DATABASE ?? "billing_bench_costs";
/** Charges in the database before measuring (the two measured accounts' included). */
const CHARGES = Number(process.env.BENCH_CHARGES ?? 1_000_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 3462);
const DIST = process.env.NEXT_DIST_DIR ?? ".next-bench-costs";
const COOKIE = "authjs.session-token";
const HOURS_PER_YEAR = 365 * 24;


/**
 * Tags and products for the measured accounts, as an activation with tags would have
 * written them: their three instances become a compute, a GPU and a bare-metal resource
 * of teams ml, web and ml, and every charge copies its resource's product and tags.
 */
async function tagMeasured(sql: postgres.Sql, ids: string[]): Promise<void> {
  await sql`update resources r set product_id = v.product, tags = v.tags
    from (values ('vm-1', 'ecs.g7.large', '{"team":"ml","env":"prod"}'::jsonb), ('vm-2', 'gpu.a10.xlarge', '{"team":"web","env":"prod"}'::jsonb), ('vm-3', 'bms.c6.metal', '{"team":"ml"}'::jsonb)) v(name, product, tags)
    where r.account_id = any(${ids}::uuid[]) and r.name = v.name`;
  await sql`update charges c set product_id = r.product_id, tags = r.tags from resources r where r.id = c.resource_id and r.account_id = any(${ids}::uuid[])`;
}

async function main(serverUrl: string): Promise<void> {
  const u = new URL(serverUrl);
  u.pathname = `/${DB_NAME}`;
  const databaseUrl = u.toString();
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  let app: ChildProcess | undefined;
  try {
    await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
    await admin.unsafe(`create database ${DB_NAME}`);
    const [{ version }] = (await admin`select current_setting('server_version') as version`) as unknown as [{ version: string }];

    // The measured accounts (three resources each), then background accounts of 1 to 4 years and three resources up to CHARGES.
    const chargesOf = (p: Plan) => p.years * HOURS_PER_YEAR * p.resources;
    const plans: Plan[] = [
      { name: "Bench one year", years: 1, resources: 3 },
      { name: "Bench five years", years: 5, resources: 3 },
    ];
    for (let i = 0; plans.reduce((s, p) => s + chargesOf(p), 0) < CHARGES; i++) plans.push({ name: `Background ${i + 1}`, years: 1 + (i % 4), resources: 3 });
    const end = hourFloor(Date.now() - 5 * 60_000);

    const handle = openDatabase({ url: databaseUrl, max: 2 });
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connection: { jit: "off" } });
    let ids: string[];
    let userId: string;
    let sessionId: string;
    const t0 = performance.now();
    try {
      await migrateDatabase(handle);
      await seedCatalogue(handle.db);
      ({ ids } = await generateHistory(sql, plans, end));
      await tagMeasured(sql, ids.slice(0, MEASURED));
      await rebuildSpendRollups(handle.db);
      await generateInvoices(sql, end);
      const [user] = await sql`insert into users (email, name, locale, last_account_id) values ('finance@bench.example', 'Bench Finance', 'en', ${ids[0]!}) returning id`;
      userId = user!.id as string;
      await sql`insert into memberships (account_id, user_id, role) values (${ids[0]!}, ${userId}, 'finance'), (${ids[1]!}, ${userId}, 'finance')`;
      await sql`vacuum analyze`;
      const [session] = await sql`insert into user_sessions (user_id, user_agent) values (${userId}, 'bench:costs') returning id`;
      sessionId = session!.id as string;
      const generated = (performance.now() - t0) / 1000;
      const report = await verifyLedger(handle.db);
      if (!report.ok) throw new Error(`verifyLedger failed on the generated history: ${JSON.stringify(report.checks.filter((c) => c.violations))}`);
      const daysOff = await verifyDailyCosts(handle.db);
      if (daysOff.length) throw new Error(`verifyDailyCosts: ${daysOff.length} days differ, e.g. ${JSON.stringify(daysOff.slice(0, 3))}`);
      const [per] = await sql`select (select count(*) from charges)::int as charges,
          (select count(*) from charges where account_id = ${ids[0]!})::int as c1, (select count(*) from charges where account_id = ${ids[1]!})::int as c5,
          (select count(*) from daily_costs where account_id = ${ids[0]!})::int as d1, (select count(*) from daily_costs where account_id = ${ids[1]!})::int as d5`;
      console.log(`PostgreSQL ${version}; ${per!.charges} charges, ${report.counts.entries} ledger entries, ${plans.length} accounts; generated in ${generated.toFixed(0)} s`);
      console.log(`history checked: verifyLedger ok (${report.checks.length} checks), verifyDailyCosts ok (the rollup equals the charges)`);
      console.log(`measured accounts: 1 year (${per!.c1} charges, ${per!.d1} daily_costs rows), 5 years (${per!.c5} charges, ${per!.d5} daily_costs rows); tagged team and env; finance role`);
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
    const view = "range=12m&by=day&amount=net";
    const pages: Record<string, { label: string; url: string; needles: string[] }> = {
      minimal: { label: "minimal signed-in page", url: `${base}/a/${ids[0]}/ping`, needles: ['data-testid="ping"', "Bench one year"] },
      one: { label: "explorer, 1 year, by product", url: `${base}/a/${ids[0]}/billing/costs?${view}&group=product`, needles: ['data-testid="cost-table"', "Bench one year", "Bare metal c6"] },
      five: { label: "explorer, 5 years, by product", url: `${base}/a/${ids[1]}/billing/costs?${view}&group=product`, needles: ['data-testid="cost-table"', "Bench five years", "Bare metal c6"] },
      tag: { label: "explorer, 5 years, by tag team", url: `${base}/a/${ids[1]}/billing/costs?${view}&group=tag%3Ateam`, needles: ['data-testid="cost-table"', "Bench five years", "Tag: team"] },
    };
    const hasUsage = existsSync("app/(console)/a/[accountId]/billing/usage/page.tsx");
    if (hasUsage) pages.usage = { label: "usage detail, 5 years, page 1", url: `${base}/a/${ids[1]}/billing/usage`, needles: ["Bench five years"] };
    for (const p of Object.values(pages)) await expectPage(p.url, cookie, p.needles);
    const signedOut = await fetch(pages.five!.url, { redirect: "manual" });
    if (signedOut.status < 300 || signedOut.status >= 400) throw new Error(`signed out, the explorer answered ${signedOut.status}, not a redirect`);

    const keys = Object.keys(pages);
    for (const k of keys) await load(pages[k]!.url, cookie, WARMUP_SECONDS, CONNECTIONS);
    // Each page twice, in order and then in reverse, the two runs added up, so a change in
    // what else the machine does during the run favours no page.
    const runs: Record<string, Measured[]> = Object.fromEntries(keys.map((k) => [k, []]));
    for (const k of [...keys, ...[...keys].reverse()]) runs[k]!.push(await load(pages[k]!.url, cookie, SECONDS, CONNECTIONS));
    const both = (m: Measured[]) => ({
      rps: m.reduce((s, x) => s + x.requests, 0) / m.reduce((s, x) => s + x.seconds, 0),
      p50: Math.max(...m.map((x) => x.p50)),
      p99: Math.max(...m.map((x) => x.p99)),
      each: m.map((x) => `${x.rps.toFixed(1)} req/s p99 ${x.p99} ms`).join(", "),
    });
    const r = Object.fromEntries(keys.map((k) => [k, both(runs[k]!)]));
    const f = (m: ReturnType<typeof both>) => `${m.rps.toFixed(1).padStart(6)} req/s, p50 ${String(m.p50).padStart(4)} ms, p99 ${String(m.p99).padStart(4)} ms  (${m.each})`;
    console.log(`autocannon: ${CONNECTIONS} connections, two runs of ${SECONDS} s per page (p50 and p99: the worse run) after ${WARMUP_SECONDS} s warm-up each; next start (production build) on the same machine`);
    for (const k of keys) console.log(`${pages[k]!.label.padEnd(32)} ${f(r[k]!)}`);
    if (!hasUsage) console.log("usage detail page: not built yet (app/(console)/a/[accountId]/billing/usage), not measured");
    const five = r.five!.rps;
    const one = r.one!.rps;
    const within = five >= one * 0.85;
    console.log(`explorer 5 years / 1 year: ${(five / one).toFixed(2)} req/s (${within ? "within" : "NOT within"} 15 %)`);
    console.log(`bench costs: ratio ${(five / r.minimal!.rps).toFixed(2)} (target 0.5)`);
    if (!within) process.exitCode = 1;
  } finally {
    if (app) stopApp(app);
    if (process.env.BENCH_KEEP !== "1") {
      await new Promise((r) => setTimeout(r, 500));
      await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
    }
    await admin.end({ timeout: 5 });
  }
}

await main(benchServer("bench:costs measures the app on a PostgreSQL server: set DATABASE_URL (it creates, fills and drops its own database there)."));
