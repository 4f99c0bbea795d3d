// npm run bench:ledger — ledger postings per second against pgbench's TPC-B-like script,
// both on the PostgreSQL server of DATABASE_URL, each in a scratch database it creates
// and drops; 16 clients in 2 processes on both sides, for the same time. Prints the ratios; the last line is what CI reads.
import { spawn, spawnSync } from "node:child_process";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { accounts } from "@/db/schema";
import { topUp, verifyLedger } from "@/lib/ledger";

const CLIENTS = 16;
/** Like pgbench's -j 2: the 16 clients run in 2 processes (two app instances), 8 each; BENCH_INSTANCES=1 puts them in one. */
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 2);
/** Both sides run this long: the ledger cases after a 1 s warm-up, pgbench with -T. */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PGBENCH = process.env.PGBENCH ?? "pgbench";

/** One app instance: concurrent loops posting top-ups through one pool; prints its rate. */
async function instance(url: string, label: string, accountIds: string[]): Promise<void> {
  const handle = openDatabase({ url, max: accountIds.length });
  let count = 0;
  const run = async (client: number, until: number, counted: boolean) => {
    for (let n = 0; Date.now() < until; n++) {
      await topUp(handle.db, {
        accountId: accountIds[client]!,
        amount: 1_000_000n,
        provider: "bench",
        idempotencyKey: `bench:${label}:${process.pid}:${counted ? "run" : "warm"}:${client}:${n}`,
        actor: { kind: "system" },
      });
      if (counted) count++;
    }
  };
  try {
    const warmUntil = Date.now() + 1000;
    await Promise.all(accountIds.map((_, c) => run(c, warmUntil, false)));
    const start = performance.now();
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(accountIds.map((_, c) => run(c, until, true)));
    console.log(JSON.stringify({ rate: count / ((performance.now() - start) / 1000) }));
  } finally {
    await handle.close();
  }
}

function runInstance(url: string, label: string, ids: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, "--instance", url, label, ids.join(",")], { env: process.env });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`bench instance failed: ${err}`));
      resolve((JSON.parse(out.trim().split("\n").pop()!) as { rate: number }).rate);
    });
  });
}

async function postingsPerSecond(url: string, label: string, accountOf: (client: number) => string): Promise<number> {
  const per = CLIENTS / INSTANCES;
  const rates = await Promise.all(
    Array.from({ length: INSTANCES }, (_, w) => runInstance(url, label, Array.from({ length: per }, (_, c) => accountOf(w * per + c)))),
  );
  return rates.reduce((a, b) => a + b, 0);
}

function pgbenchInit(url: string): void {
  const init = spawnSync(PGBENCH, ["-i", "-q", url], { encoding: "utf8" });
  if (init.status !== 0) throw new Error(`pgbench -i failed: ${init.stderr || init.error}`);
}

function pgbench(url: string): number {
  const run = spawnSync(PGBENCH, ["-c", String(CLIENTS), "-j", "2", "-T", String(SECONDS), url], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`pgbench failed: ${run.stderr || run.error}`);
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout);
  if (!m) throw new Error(`could not read pgbench's tps from:\n${run.stdout}`);
  return Number(m[1]);
}

async function main(serverUrl: string): Promise<void> {
  const databaseUrl = (name: string) => {
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const ledgerDb = `bc_bench_ledger_${suffix}`;
  const pgbenchDb = `bc_bench_pgbench_${suffix}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${ledgerDb}`);
    await admin.unsafe(`create database ${pgbenchDb}`);
    const [{ version }] = (await admin`select current_setting('server_version') as version`) as unknown as [{ version: string }];

    const url = databaseUrl(ledgerDb);
    const handle = openDatabase({ url, max: 2 });
    let ids: string[];
    try {
      await migrateDatabase(handle);
      ids = (await handle.db.insert(accounts).values(Array.from({ length: CLIENTS + 1 }, (_, i) => ({ name: `Bench ${i}` }))).returning()).map((r) => r.id);
    } finally {
      await handle.close();
    }
    // pgbench runs before and after the ledger cases and the two are averaged, so a
    // change in what else the machine is doing does not favour either side.
    pgbenchInit(databaseUrl(pgbenchDb));
    const tpsBefore = pgbench(databaseUrl(pgbenchDb));
    const spread = await postingsPerSecond(url, "spread", (c) => ids[c]!);
    const hot = await postingsPerSecond(url, "hot", () => ids[CLIENTS]!);
    const tpsAfter = pgbench(databaseUrl(pgbenchDb));
    const tps = (tpsBefore + tpsAfter) / 2;
    const check = openDatabase({ url, max: 1 });
    try {
      if (!(await verifyLedger(check.db)).ok) throw new Error("ledger verify failed after the bench");
    } finally {
      await check.close();
    }

    const f0 = (n: number) => n.toFixed(0).padStart(6);
    console.log(`PostgreSQL ${version}; ${CLIENTS} clients (${INSTANCES} processes); ledger ${SECONDS} s per case; pgbench -c ${CLIENTS} -j 2 -T ${SECONDS}, scale 1, before and after`);
    console.log(`ledger top-ups, ${CLIENTS} different accounts: ${f0(spread)} postings/s`);
    console.log(`ledger top-ups, one hot account:       ${f0(hot)} postings/s`);
    console.log(`pgbench TPC-B-like:                    ${f0(tps)} tps (${tpsBefore.toFixed(0)} before, ${tpsAfter.toFixed(0)} after)`);
    console.log(`ratio hot account / pgbench: ${(hot / tps).toFixed(2)}`);
    console.log(`bench ledger: ratio ${(spread / tps).toFixed(2)} (target 0.5)`);
  } finally {
    await admin.unsafe(`drop database if exists ${ledgerDb} with (force)`);
    await admin.unsafe(`drop database if exists ${pgbenchDb} with (force)`);
    await admin.end({ timeout: 5 });
  }
}

if (process.argv[2] === "--instance") {
  await instance(process.argv[3]!, process.argv[4]!, process.argv[5]!.split(","));
} else if (!process.env.DATABASE_URL) {
  console.error("bench:ledger measures a PostgreSQL server: set DATABASE_URL (it creates and drops its own scratch databases there).");
  process.exit(2);
} else {
  await main(process.env.DATABASE_URL);
}
