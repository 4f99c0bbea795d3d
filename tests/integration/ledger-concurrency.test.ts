import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDatabase } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { holds, ledgerTransactions } from "@/db/schema";
import { isAppError } from "@/lib/errors";
import { chargeUsage, placeHold, releaseHold, setCreditLimit, topUp, verifyLedger } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { onPostgres, useTestDb } from "../fixtures/db";
import { createAccount, key, staff, system } from "../fixtures/ledger";

const handle = useTestDb();
const db = () => handle().db;

/** Outcome of each request, without letting one rejection hide the others. */
async function settle<T>(attempts: Promise<T>[]) {
  const results = await Promise.allSettled(attempts);
  return {
    ok: results.filter((r): r is PromiseFulfilledResult<Awaited<T>> => r.status === "fulfilled").map((r) => r.value),
    errors: results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as unknown),
  };
}
const codeOf = (e: unknown) => {
  if (isAppError(e)) return e.code;
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return `${cause?.code ?? ""} ${cause?.message ?? String(e)}`;
};

// Two connection pools stand for two app instances: only the database can serialize them.
describe.skipIf(!onPostgres())("ledger under concurrency (Postgres, two pools)", () => {
  let pools: DbHandle[] = [];
  beforeAll(() => {
    pools = [openDatabase({ url: process.env.DATABASE_URL, max: 10 }), openDatabase({ url: process.env.DATABASE_URL, max: 10 })];
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });
  const pool = (i: number) => pools[i % pools.length]!.db;

  it("200 simultaneous holds: exactly as many succeed as fit, available funds never below zero", async () => {
    const acct = await createAccount(db(), "Hot holds");
    await topUp(db(), { accountId: acct, amount: dollars(50), provider: "test", idempotencyKey: key("topup"), actor: system });
    await setCreditLimit(db(), { accountId: acct, creditLimit: dollars(50), reason: "test credit", actor: staff });
    const amount = 730_000n; // $0.73: 136 of them fit in $100, with $0.72 left over
    const { ok, errors } = await settle(
      // Inside a caller's transaction post() does not retry, so a deadlock would show here.
      Array.from({ length: 200 }, (_, i) =>
        pool(i).transaction((tx) => placeHold(tx, { accountId: acct, amount, resourceRef: `vm-${i}`, idempotencyKey: key(`hold-${i}`), actor: system })),
      ),
    );
    expect(errors.map(codeOf).filter((c) => c !== "INSUFFICIENT_FUNDS")).toEqual([]);
    expect(ok).toHaveLength(136);
    expect(await getBalances(db(), { accountId: acct })).toEqual({
      available: 720_000n,
      balance: dollars(50) - 136n * amount,
      creditLimit: dollars(50),
      frozen: 136n * amount,
    });
    const after = await db()
      .select({ availableAfter: ledgerTransactions.availableAfter })
      .from(ledgerTransactions)
      .where(and(eq(ledgerTransactions.accountId, acct), eq(ledgerTransactions.type, "hold")));
    expect(after).toHaveLength(136);
    expect(after.every((r) => r.availableAfter! >= 0n)).toBe(true);
    expect(after.map((r) => r.availableAfter).sort((a, b) => (a! < b! ? -1 : 1))[0]).toBe(720_000n);
    expect(await db().select().from(holds).where(eq(holds.accountId, acct))).toHaveLength(136);
  });

  it("50 simultaneous replays of one top-up key credit once; another amount under the key is refused", async () => {
    const acct = await createAccount(db(), "Replays");
    const k = key("topup");
    const { ok, errors } = await settle(
      Array.from({ length: 50 }, (_, i) => topUp(pool(i), { accountId: acct, amount: dollars(25), provider: "test", idempotencyKey: k, actor: system })),
    );
    expect(errors).toEqual([]);
    expect(new Set(ok.map((r) => r.transactionId)).size).toBe(1);
    expect(ok.filter((r) => !r.replayed)).toHaveLength(1);
    expect((await getBalances(db(), { accountId: acct })).balance).toBe(dollars(25));

    await expect(topUp(pool(1), { accountId: acct, amount: dollars(26), provider: "test", idempotencyKey: k, actor: system })).rejects.toMatchObject({
      code: "IDEMPOTENCY_CONFLICT",
    });
    expect((await getBalances(db(), { accountId: acct })).balance).toBe(dollars(25));
  });

  it("one key raced with two different amounts: one posting, the other amount refused", async () => {
    const acct = await createAccount(db(), "Racing amounts");
    const k = key("topup");
    const amountOf = (i: number) => (i % 2 === 0 ? dollars(10) : dollars(11));
    const { ok, errors } = await settle(
      Array.from({ length: 50 }, (_, i) => topUp(pool(i >> 1), { accountId: acct, amount: amountOf(i), provider: "test", idempotencyKey: k, actor: system })),
    );
    const balance = (await getBalances(db(), { accountId: acct })).balance;
    expect([dollars(10), dollars(11)]).toContain(balance);
    expect(new Set(ok.map((r) => r.transactionId)).size).toBe(1);
    expect(ok).toHaveLength(25);
    expect(errors.map(codeOf)).toEqual(Array(25).fill("IDEMPOTENCY_CONFLICT"));
  });

  it("mixed postings over several accounts from both pools: no deadlock, no lost update, verify clean", async () => {
    const accts = await Promise.all(Array.from({ length: 4 }, () => createAccount(db(), "Mixed")));
    await Promise.all(accts.map((a) => topUp(db(), { accountId: a, amount: dollars(20), provider: "test", idempotencyKey: key("seed"), actor: system })));
    // As above, each posting runs inside a caller's transaction, so nothing is retried away.
    const work = Array.from({ length: 160 }, async (_, i) => {
      const a = accts[(i >> 2) % accts.length]!; // each account gets every kind of posting
      switch (i % 4) {
        case 0:
          return pool(i).transaction((tx) =>
            topUp(tx, { accountId: a, amount: 1_000_001n, provider: i % 8 ? "test" : "bank_transfer", idempotencyKey: key("t"), actor: system }),
          );
        case 1:
          return pool(i).transaction((tx) => chargeUsage(tx, { accountId: a, amount: 999_999n, idempotencyKey: key("u"), actor: system }));
        default: {
          const { holdId } = await pool(i).transaction((tx) =>
            placeHold(tx, { accountId: a, amount: 2_500_000n, resourceRef: "vm", idempotencyKey: key("h"), actor: system }),
          );
          return pool(i + 1).transaction((tx) => releaseHold(tx, { holdId, actor: system }));
        }
      }
    });
    const { errors } = await settle(work);
    expect(errors.map(codeOf).filter((c) => c !== "INSUFFICIENT_FUNDS")).toEqual([]);
    for (const a of accts) {
      const b = await getBalances(db(), { accountId: a });
      // Seeded 20, then 10 top-ups and 10 charges each; every hold was released again.
      const balance = dollars(20) + 10n * 1_000_001n - 10n * 999_999n;
      expect(b).toEqual({ available: balance, balance, creditLimit: 0n, frozen: 0n });
    }
    const report = await verifyLedger(db());
    expect(report.checks.filter((c) => c.violations > 0)).toEqual([]);
  });
});
