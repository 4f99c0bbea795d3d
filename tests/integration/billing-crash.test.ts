import { spawn } from "node:child_process";
import { inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { accountBillingState, charges, resources } from "@/db/schema";
import { runBilling } from "@/lib/billing/run";
import { topUp, verifyLedger } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { ensureCatalogue } from "../fixtures/billing";
import { openTestDb, useTestDb } from "../fixtures/db";
import { createAccount, key, system } from "../fixtures/ledger";

const handle = useTestDb();
const db = () => handle().db;
const T0 = new Date("2031-03-01T00:00:00Z");
const UNTIL = new Date("2031-03-01T06:00:00Z");
const ACCOUNTS = 20;
const PER_ACCOUNT = 150;
const HOURS = 6;

/** Accounts with running hourly resources; rows written directly: the test is about charging, not activating. */
async function fleet(): Promise<string[]> {
  await ensureCatalogue(db());
  const ids: string[] = [];
  for (let a = 0; a < ACCOUNTS; a++) {
    const acct = await createAccount(db(), "Crash");
    await topUp(db(), { accountId: acct, amount: dollars(1000), provider: "test", idempotencyKey: key("topup"), actor: system });
    await db().insert(accountBillingState).values({ accountId: acct });
    const rows = Array.from({ length: PER_ACCOUNT }, (_, i) => ({
      accountId: acct, productId: i % 2 ? "test.hourly" : "test.cheap", name: `vm-${i}`, quantity: BigInt(1 + (i % 3)), status: "running" as const,
      billingMode: "payg_hourly" as const, unitPrice: i % 2 ? 60_000n : 3_333n, startedAt: T0, billedUntil: T0, requestKey: `r${i}`,
    }));
    await db().insert(resources).values(rows);
    ids.push(acct);
  }
  return ids;
}

function runChild(accountIds: string[], onOutput?: (child: ReturnType<typeof spawn>) => void): Promise<number | null> {
  // node itself (not npx), so the SIGKILL hits the process doing the work.
  const args = ["--import", "tsx", "lib/cli/billing-run.ts", "--until", UNTIL.toISOString(), "--batch", "2", ...accountIds.flatMap((a) => ["--account", a])];
  const child = spawn(process.execPath, args, { env: process.env, stdio: "ignore" });
  onOutput?.(child);
  return new Promise((resolve) => child.on("exit", (code) => resolve(code)));
}

async function summary(accountIds: string[]) {
  const [c] = await db()
    .select({ n: sql<number>`count(*)::int`, distinct: sql<number>`count(distinct (resource_id, period_start))::int`, cash: sql<string>`sum(cash_part)::text` })
    .from(charges)
    .where(inArray(charges.accountId, accountIds));
  const states = await db().select().from(accountBillingState).where(inArray(accountBillingState.accountId, accountIds));
  const balances = await Promise.all(accountIds.map((a) => getBalances(db(), { accountId: a })));
  const paid = balances.reduce((s, b) => s + (dollars(1000) - b.balance), 0n);
  const accrued = states.reduce((s, x) => s + x.accrued, 0n);
  return { charges: c!.n, distinct: c!.distinct, cash: BigInt(c!.cash ?? "0"), paid, accrued, balances: balances.map((b) => b.balance).sort() };
}

describe.skipIf(!process.env.DATABASE_URL)("billing run on Postgres: crashes and parallel workers", { timeout: 600_000 }, () => {
  it("a SIGKILL mid-run then a rerun gives no double and no missing charge; two workers give the same result as one", async () => {
    const crashSet = await fleet();
    let killedAt = -1;
    await runChild(crashSet, (child) => {
      const poll = setInterval(async () => {
        const [r] = await db().select({ n: sql<number>`count(*)::int` }).from(charges).where(inArray(charges.accountId, crashSet));
        if (r!.n > 0 && killedAt < 0) {
          killedAt = r!.n;
          child.kill("SIGKILL");
          clearInterval(poll);
        }
      }, 20);
      child.on("exit", () => clearInterval(poll));
    });
    const mid = await summary(crashSet);
    expect(killedAt).toBeGreaterThan(0);
    expect(mid.charges).toBeLessThan(ACCOUNTS * PER_ACCOUNT * HOURS); // it really died mid-run
    expect(await runChild(crashSet)).toBe(0);
    const after = await summary(crashSet);
    expect(after.charges).toBe(ACCOUNTS * PER_ACCOUNT * HOURS);
    expect(after.distinct).toBe(after.charges);
    expect(after.paid + after.accrued).toBe(after.cash); // every micro-dollar charged is deducted or accrued

    // The same fleet charged by two workers at once, each with its own pool.
    const parallelSet = await fleet();
    const [h1, h2] = [await openTestDb({ max: 2 }), await openTestDb({ max: 2 })];
    try {
      await Promise.all([runBilling(h1.db, { until: UNTIL, accountIds: parallelSet, batchSize: 2 }), runBilling(h2.db, { until: UNTIL, accountIds: parallelSet, batchSize: 2 })]);
    } finally {
      await Promise.all([h1.close(), h2.close()]);
    }
    const parallel = await summary(parallelSet);
    expect({ ...parallel }).toEqual({ ...after });
    expect((await verifyLedger(db())).ok).toBe(true);
  });
});
