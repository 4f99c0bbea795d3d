// `DATABASE_URL=… npm run bench:usage`: usage events per second through POST
// /api/v1/usage/batch of the running app (`next start`, a production build; 1,000 events a
// request over 8 connections for 30 s, a platform key, events spread over a few hundred
// metered resources of many accounts), beside a bulk `INSERT … SELECT unnest(…)` of as many
// rows straight into usage_events (1,000 rows a statement, 8 connections), and the
// single-event endpoint for reference. Then it checks that every acknowledged event is
// stored exactly once and that a retried batch adds nothing. The last line is what CI reads.
import type { ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import postgres from "postgres";
import { wallClockMs } from "@/lib/clock";
import { buildApp, startApp, stopApp } from "./app";
import { benchServer, withScratchDatabase } from "./scratch";

const DB_NAME = process.env.BENCH_DATABASE ?? "billing_bench_usage";
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const SINGLE_SECONDS = Number(process.env.BENCH_SINGLE_SECONDS ?? 10);
const BATCH = 1_000;
const ACCOUNTS = 100;
const RESOURCES_PER_ACCOUNT = 3;
const PORT = Number(process.env.BENCH_PORT ?? 3471);
const DIST = process.env.NEXT_DIST_DIR ?? ".next-bench-usage";

/** `workers` loops calling `step` until `seconds` have passed; the events each step reports, and the time taken. */
async function run(workers: number, seconds: number, step: (worker: number, n: number) => Promise<number>): Promise<{ events: number; seconds: number }> {
  const t0 = wallClockMs();
  const end = t0 + seconds * 1000;
  let events = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let n = 0; wallClockMs() < end; n++) {
        const done = await step(w, n);
        events += done;
      }
    }),
  );
  return { events, seconds: (wallClockMs() - t0) / 1000 };
}

function eventsJson(prefix: string, resources: string[], count: number): string {
  const parts = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    parts[i] = `{"eventId":"${prefix}-${i}","resourceId":"${resources[(i * 7919) % resources.length]}","quantity":${(i % 50) + 1},"occurredAt":"2026-11-27T10:${String(i % 60).padStart(2, "0")}:00Z"}`;
  }
  return parts.join(",");
}

async function main(serverUrl: string) {
  await withScratchDatabase(serverUrl, DB_NAME, { max: CONNECTIONS, dropFirst: true }, async (_db, version) => {
    const u = new URL(serverUrl);
    u.pathname = `/${DB_NAME}`;
    const sql = postgres(u.toString(), { max: CONNECTIONS, onnotice: () => {} });
    let app: ChildProcess | undefined;
    try {
      const accounts = await sql`insert into accounts (name) select 'Bench ' || g from generate_series(1, ${ACCOUNTS}) g returning id`;
      const created = await sql`insert into resources (account_id, product_id, name, quantity, status, billing_mode, unit_price, started_at, billed_until, request_key)
        select a.id, p.id, 'bucket-' || g, 1, 'running', p.billing_mode, p.unit_price, '2026-11-01', '2026-11-01', 'bench-' || g
        from unnest(${accounts.map((a) => a.id as string)}::uuid[]) a(id) cross join generate_series(1, ${RESOURCES_PER_ACCOUNT}) g
        join products p on p.id = 'oss.standard.gb' returning id, account_id`;
      const resources = created.map((r) => r.id as string);
      const accountOf = new Map(created.map((r) => [r.id as string, r.account_id as string]));
      const key = `bck_${randomBytes(24).toString("base64url")}`;
      await sql`insert into api_keys (account_id, kind, name, prefix, key_hash) values (null, 'platform', 'bench', ${key.slice(0, 12)}, ${createHash("sha256").update(key).digest("hex")})`;
      console.log(`PostgreSQL ${version}; ${accounts.length} accounts, ${resources.length} metered resources, a platform key`);

      buildApp(DIST);
      app = await startApp({ dist: DIST, port: PORT, databaseUrl: u.toString(), secret: randomBytes(32).toString("base64url"), env: { API_RATE_LIMIT_PLATFORM: "1000000" } });
      const base = `http://127.0.0.1:${PORT}/api/v1`;
      const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
      const send = async (body: string) => {
        const res = await fetch(`${base}/usage/batch`, { method: "POST", headers, body });
        if (res.status !== 200) throw new Error(`batch answered ${res.status}: ${await res.text()}`);
        return (await res.json()) as { accepted: number; duplicates: number; errors: number };
      };
      // Warm-up: compile paths, fill caches (its events are counted in the checks, not in the rate).
      for (let i = 0; i < 5; i++) await send(`{"events":[${eventsJson(`w-${i}`, resources, BATCH)}]}`);

      let acknowledged = 0;
      const batchRun = (half: number) =>
        run(CONNECTIONS, SECONDS / 2, async (w, n) => {
          const r = await send(`{"events":[${eventsJson(`b-${half}-${w}-${n}`, resources, BATCH)}]}`);
          if (r.errors || r.duplicates) throw new Error(`a fresh batch had ${r.errors} errors and ${r.duplicates} duplicates`);
          acknowledged += r.accepted;
          return r.accepted;
        });
      // `rows` rows straight into the table, in statements of 1,000 over as many connections.
      const directRun = async (half: number, rows: number) => {
        const statements = Math.ceil(rows / BATCH);
        let taken = 0;
        const t0 = wallClockMs();
        await Promise.all(
          Array.from({ length: CONNECTIONS }, async () => {
            for (let s = taken++; s < statements; s = taken++) {
              const ids = Array.from({ length: Math.min(BATCH, rows - s * BATCH) }, (_, i) => `d-${half}-${s}-${i}`);
              await sql`insert into usage_events (account_id, event_id, resource_id, quantity, occurred_at)
                select r.account_id, v.event_id, v.resource_id, v.quantity, v.occurred_at
                from unnest(${ids}::text[], ${ids.map((_, i) => resources[(i * 7919) % resources.length]!)}::uuid[], ${ids.map((_, i) => (i % 50) + 1)}::bigint[], ${ids.map(() => "2026-11-27T10:00:00Z")}::timestamptz[]) v(event_id, resource_id, quantity, occurred_at)
                join resources r on r.id = v.resource_id
                on conflict (account_id, event_id) do nothing`;
            }
          }),
        );
        return { events: rows, seconds: (wallClockMs() - t0) / 1000 };
      };
      // Two halves, each endpoint run followed by the direct insert of as many rows, so a change
      // in what else the machine does during the run favours neither side.
      const sum = (a: { events: number; seconds: number }, b: { events: number; seconds: number }) => ({ events: a.events + b.events, seconds: a.seconds + b.seconds });
      const b1 = await batchRun(1);
      const d1 = await directRun(1, b1.events);
      const b2 = await batchRun(2);
      const d2 = await directRun(2, b2.events);
      const batch = sum(b1, b2);
      const direct = sum(d1, d2);

      const single = await run(CONNECTIONS, SINGLE_SECONDS, async (w, n) => {
        const resource = resources[(w * 31 + n) % resources.length]!;
        const body = `{"eventId":"s-${w}-${n}","resourceId":"${resource}","quantity":1,"occurredAt":"2026-11-27T10:00:00Z"}`;
        const res = await fetch(`${base}/accounts/${accountOf.get(resource)}/usage`, { method: "POST", headers, body });
        if (res.status !== 202) throw new Error(`single event answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
        return 1;
      });

      // Checks: every acknowledged event stored once (ids are unique by construction), and a retry adds nothing.
      const [stored] = await sql`select count(*)::int as rows, count(distinct event_id)::int as ids from usage_events where event_id like 'b-%'`;
      if (stored!.rows !== acknowledged || stored!.ids !== acknowledged) throw new Error(`acknowledged ${acknowledged} batch events, stored ${stored!.rows} rows of ${stored!.ids} ids`);
      const retry = await send(`{"events":[${eventsJson("b-1-0-0", resources, BATCH)}]}`);
      const [after] = await sql`select count(*)::int as rows from usage_events where event_id like 'b-%'`;
      if (retry.accepted !== 0 || retry.duplicates !== BATCH || after!.rows !== acknowledged) throw new Error(`a retried batch: ${JSON.stringify(retry)}, ${after!.rows} rows`);
      const [twice] = await sql`select count(*)::int as n from (select account_id, event_id from usage_events group by 1, 2 having count(*) > 1) d`;
      if (twice!.n !== 0) throw new Error(`${twice!.n} events stored twice`);
      console.log(`checked: ${acknowledged} acknowledged batch events stored exactly once each; a retried batch of ${BATCH} answered duplicate and added nothing`);

      const rate = (m: { events: number; seconds: number }) => m.events / m.seconds;
      console.log(`batch endpoint:  ${rate(batch).toFixed(0).padStart(7)} events/s  (${batch.events} events in ${batch.seconds.toFixed(1)} s: halves ${(b1.events / b1.seconds).toFixed(0)}, ${(b2.events / b2.seconds).toFixed(0)}; ${BATCH} a request, ${CONNECTIONS} connections, next start)`);
      console.log(`direct insert:   ${rate(direct).toFixed(0).padStart(7)} events/s  (${direct.events} rows in ${direct.seconds.toFixed(1)} s: halves ${(d1.events / d1.seconds).toFixed(0)}, ${(d2.events / d2.seconds).toFixed(0)}; INSERT … SELECT unnest, ${BATCH} a statement, ${CONNECTIONS} connections)`);
      console.log(`single endpoint: ${rate(single).toFixed(0).padStart(7)} events/s  (${single.events} requests in ${single.seconds.toFixed(1)} s, ${CONNECTIONS} connections)`);
      console.log(`bench usage: ratio ${(rate(batch) / rate(direct)).toFixed(2)} (target 0.5)`);
    } finally {
      if (app) stopApp(app);
      await sql.end({ timeout: 5 });
    }
  });
}
await main(benchServer("bench:usage measures the app on a PostgreSQL server: set DATABASE_URL (it creates, fills and drops its own database there)."));
