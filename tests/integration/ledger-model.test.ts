import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { chargeUsage, placeHold, releaseHold, setCreditLimit, staffAdjustment, topUp, verifyLedger } from "@/lib/ledger";
import { isAppError } from "@/lib/errors";
import { useTestDb } from "../fixtures/db";
import { createAccount, key, staff, system } from "../fixtures/ledger";

const handle = useTestDb();
const db = () => handle().db;

type Op =
  | { op: "topUp"; amount: bigint }
  | { op: "hold"; amount: bigint }
  | { op: "release"; pick: number }
  | { op: "charge"; amount: bigint }
  | { op: "adjust"; amount: bigint }
  | { op: "creditLimit"; amount: bigint }
  | { op: "replayTopUp"; sameAmount: boolean };

// Micro-dollar amounts, with odd values so nothing lines up on cents by luck.
const amount = fc.bigInt({ min: 1n, max: 40_000_000n });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant("topUp" as const), amount }),
  fc.record({ op: fc.constant("hold" as const), amount }),
  fc.record({ op: fc.constant("hold" as const), amount }),
  fc.record({ op: fc.constant("release" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("charge" as const), amount }),
  fc.record({ op: fc.constant("adjust" as const), amount: fc.oneof(amount, amount.map((a) => -a)) }),
  fc.record({ op: fc.constant("creditLimit" as const), amount: fc.bigInt({ min: 0n, max: 30_000_000n }) }),
  fc.record({ op: fc.constant("replayTopUp" as const), sameAmount: fc.boolean() }),
);

interface Model {
  cash: bigint;
  creditLimit: bigint;
  holds: { id: string; amount: bigint }[];
  lastTopUp: { key: string; amount: bigint } | null;
}

async function step(acct: string, m: Model, o: Op): Promise<void> {
  switch (o.op) {
    case "topUp": {
      const k = key("topup");
      await topUp(db(), { accountId: acct, amount: o.amount, provider: "test", idempotencyKey: k, actor: system });
      m.cash += o.amount;
      m.lastTopUp = { key: k, amount: o.amount };
      return;
    }
    case "hold": {
      const fits = m.cash + m.creditLimit - o.amount >= 0n;
      const attempt = placeHold(db(), { accountId: acct, amount: o.amount, resourceRef: "vm", idempotencyKey: key("hold"), actor: system });
      if (!fits) {
        await expect(attempt).rejects.toMatchObject({ code: "INSUFFICIENT_FUNDS" });
        return;
      }
      const { holdId } = await attempt;
      m.cash -= o.amount;
      m.holds.push({ id: holdId, amount: o.amount });
      return;
    }
    case "release": {
      if (m.holds.length === 0) return;
      const [hold] = m.holds.splice(o.pick % m.holds.length, 1);
      const owed = m.cash < 0n;
      const r = await releaseHold(db(), { holdId: hold!.id, accountId: acct, actor: system });
      expect(r.type).toBe(owed ? "offset_payables" : "unfreeze");
      m.cash += hold!.amount;
      return;
    }
    case "charge":
      await chargeUsage(db(), { accountId: acct, amount: o.amount, idempotencyKey: key("usage"), actor: system });
      m.cash -= o.amount;
      return;
    case "adjust":
      await staffAdjustment(db(), { accountId: acct, amount: o.amount, reason: "model", idempotencyKey: key("adj"), actor: staff });
      m.cash += o.amount;
      return;
    case "creditLimit":
      await setCreditLimit(db(), { accountId: acct, creditLimit: o.amount, reason: "model", actor: staff });
      m.creditLimit = o.amount;
      return;
    case "replayTopUp": {
      if (!m.lastTopUp) return;
      const { key: k, amount: a } = m.lastTopUp;
      const attempt = topUp(db(), { accountId: acct, amount: o.sameAmount ? a : a + 1n, provider: "test", idempotencyKey: k, actor: system });
      if (o.sameAmount) expect((await attempt).replayed).toBe(true);
      else await expect(attempt).rejects.toSatisfy((e) => isAppError(e) && e.code === "IDEMPOTENCY_CONFLICT");
      return;
    }
  }
}

describe("ledger against an in-memory model", () => {
  it("agrees with the model after every step, and verifies clean", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        const acct = await createAccount(db(), "Model");
        const m: Model = { cash: 0n, creditLimit: 0n, holds: [], lastTopUp: null };
        for (const o of ops) {
          await step(acct, m, o);
          const frozen = m.holds.reduce((s, h) => s + h.amount, 0n);
          expect(await getBalances(db(), { accountId: acct })).toEqual({
            available: m.cash + m.creditLimit,
            balance: m.cash,
            creditLimit: m.creditLimit,
            frozen,
          });
        }
      }),
      { numRuns: process.env.DATABASE_URL ? 40 : 20 },
    );
    const report = await verifyLedger(db());
    expect(report.checks.filter((c) => c.violations > 0)).toEqual([]);
  });
});
