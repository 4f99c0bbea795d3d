// `DATABASE_URL=… npm run bench:billing`: one billing cycle over 10,000 running resources
// (500 accounts × 20) on the PostgreSQL server of DATABASE_URL, in a scratch database it
// creates and drops, beside the rate of single usage postings (chargeUsage one by one, on
// one connection like the billing run) measured in the same run.
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { accountBillingState, accounts, resources } from "@/db/schema";
import { seedCatalogue } from "@/db/seed-catalogue";
import { runBilling } from "@/lib/billing/run";
import { chargeUsage, topUp, verifyLedger } from "@/lib/ledger";
import { dollars } from "@/lib/money";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 500);
const PER_ACCOUNT = Number(process.env.BENCH_PER_ACCOUNT ?? 20);
const SINGLE = Number(process.env.BENCH_SINGLE ?? 3000);
const T0 = new Date("2030-01-01T00:00:00Z");
const system = { kind: "system" as const };

async function main(serverUrl: string): Promise<void> {
  const name = `bc_bench_billing_${process.pid}_${Date.now().toString(36)}`;
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
    const [{ version }] = (await admin`select current_setting('server_version') as version`) as unknown as [{ version: string }];
    const handle = openDatabase({ url: u.toString(), max: 4 });
    try {
      const db = handle.db;
      await migrateDatabase(handle);
      await seedCatalogue(db);
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

      const f0 = (n: number) => n.toFixed(0).padStart(6);
      console.log(`PostgreSQL ${version}; ${ACCOUNTS} accounts × ${PER_ACCOUNT} hourly resources; one connection each way`);
      console.log(`billing cycle: ${run.charges} charges in ${runSeconds.toFixed(2)} s (${run.batches} transactions): ${f0(batched)} charges/s`);
      console.log(`single postings (chargeUsage one by one, ${SINGLE}):          ${f0(single)} postings/s`);
      console.log(`bench billing: ratio ${(batched / single).toFixed(2)} (target 2)`);
    } finally {
      await handle.close();
    }
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}

if (!process.env.DATABASE_URL) {
  console.error("bench:billing measures a PostgreSQL server: set DATABASE_URL (it creates and drops its own scratch database there).");
  process.exit(2);
}
await main(process.env.DATABASE_URL);
