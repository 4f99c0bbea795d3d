import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { listTransactions } from "@/db/queries/transactions";
import { auditLog, holds } from "@/db/schema";
import {
  chargeUsage,
  exportTransactionsCsv,
  placeHold,
  releaseHold,
  setCreditLimit,
  staffAdjustment,
  topUp,
  verifyLedger,
} from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { useTestDb } from "../fixtures/db";
import { createAccount, key, staff, system } from "../fixtures/ledger";

const handle = useTestDb();
const db = () => handle().db;

describe("ledger operations", () => {
  it("moves money through top-up, hold, usage and release, with the overview figures right at each step", async () => {
    const acct = await createAccount(db());
    expect(await getBalances(db(), { accountId: acct })).toEqual({ available: 0n, balance: 0n, creditLimit: 0n, frozen: 0n });

    await topUp(db(), { accountId: acct, amount: dollars(100), provider: "test", idempotencyKey: key("topup"), actor: system });
    const { holdId } = await placeHold(db(), { accountId: acct, amount: dollars(30), resourceRef: "vm-1", idempotencyKey: key("hold"), actor: system });
    expect(await getBalances(db(), { accountId: acct })).toEqual({ available: dollars(70), balance: dollars(70), creditLimit: 0n, frozen: dollars(30) });

    await chargeUsage(db(), { accountId: acct, amount: 12_345_678n, resourceId: "vm-1", idempotencyKey: key("usage"), actor: system });
    const released = await releaseHold(db(), { holdId, accountId: acct, actor: system });
    expect(released.type).toBe("unfreeze");
    expect(await getBalances(db(), { accountId: acct })).toEqual({ available: 87_654_322n, balance: 87_654_322n, creditLimit: 0n, frozen: 0n });
    const [hold] = await db().select().from(holds).where(eq(holds.id, holdId));
    expect(hold).toMatchObject({ status: "released", releasedTransactionId: released.transactionId });
  });

  it("refuses a hold that available funds cannot cover and changes nothing", async () => {
    const acct = await createAccount(db());
    await topUp(db(), { accountId: acct, amount: dollars(10), provider: "test", idempotencyKey: key("topup"), actor: system });
    await setCreditLimit(db(), { accountId: acct, creditLimit: dollars(5), reason: "trusted customer", actor: staff });
    const k = key("hold");
    await expect(placeHold(db(), { accountId: acct, amount: 15_000_001n, resourceRef: "vm-big", idempotencyKey: k, actor: system })).rejects.toMatchObject({
      code: "INSUFFICIENT_FUNDS",
    });
    expect(await getBalances(db(), { accountId: acct })).toEqual({ available: dollars(15), balance: dollars(10), creditLimit: dollars(5), frozen: 0n });
    expect(await db().select().from(holds).where(eq(holds.accountId, acct))).toEqual([]);

    // Exactly the available funds fit, using the credit: cash goes negative.
    const { holdId } = await placeHold(db(), { accountId: acct, amount: dollars(15), resourceRef: "vm-fits", idempotencyKey: k, actor: system });
    expect(await getBalances(db(), { accountId: acct })).toEqual({ available: 0n, balance: dollars(-5), creditLimit: dollars(5), frozen: dollars(15) });

    // Usage is never refused and may take available funds below zero.
    await chargeUsage(db(), { accountId: acct, amount: dollars(3), idempotencyKey: key("usage"), actor: system });
    expect((await getBalances(db(), { accountId: acct })).available).toBe(dollars(-3));

    // Releasing while the account owes money is an offset against payables.
    const released = await releaseHold(db(), { holdId, actor: system });
    expect(released.type).toBe("offset_payables");
    expect(released.description).toMatch(/^Offset against payables/);
    expect(await getBalances(db(), { accountId: acct })).toEqual({ available: dollars(12), balance: dollars(7), creditLimit: dollars(5), frozen: 0n });
  });

  it("posts a key once: a replay returns the first result, another request with the key is refused", async () => {
    const acct = await createAccount(db());
    const k = key("topup");
    const first = await topUp(db(), { accountId: acct, amount: dollars(20), provider: "test", idempotencyKey: k, actor: system });
    const again = await topUp(db(), { accountId: acct, amount: dollars(20), provider: "test", idempotencyKey: k, actor: system });
    expect(again).toMatchObject({ transactionId: first.transactionId, replayed: true, entries: first.entries });
    await expect(topUp(db(), { accountId: acct, amount: dollars(21), provider: "test", idempotencyKey: k, actor: system })).rejects.toMatchObject({
      code: "IDEMPOTENCY_CONFLICT",
    });
    const other = await createAccount(db());
    await expect(topUp(db(), { accountId: other, amount: dollars(20), provider: "test", idempotencyKey: k, actor: system })).rejects.toMatchObject({
      code: "IDEMPOTENCY_CONFLICT",
    });
    expect((await getBalances(db(), { accountId: acct })).balance).toBe(dollars(20));
    expect((await getBalances(db(), { accountId: other })).balance).toBe(0n);

    // A hold replayed returns the same hold; a released hold released again is the first release.
    const hk = key("hold");
    const h1 = await placeHold(db(), { accountId: acct, amount: dollars(5), resourceRef: "vm-2", idempotencyKey: hk, actor: system });
    const h2 = await placeHold(db(), { accountId: acct, amount: dollars(5), resourceRef: "vm-2", idempotencyKey: hk, actor: system });
    expect(h2.holdId).toBe(h1.holdId);
    const r1 = await releaseHold(db(), { holdId: h1.holdId, actor: system });
    const r2 = await releaseHold(db(), { holdId: h1.holdId, actor: system });
    expect(r2).toMatchObject({ transactionId: r1.transactionId, replayed: true });
    await expect(releaseHold(db(), { holdId: h1.holdId, actor: system, idempotencyKey: key("other-release") })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await getBalances(db(), { accountId: acct })).toMatchObject({ balance: dollars(20), frozen: 0n });
  });

  it("posts the same on its own (straight to the driver) and inside a caller's transaction, where it rolls back with the caller", async () => {
    const acct = await createAccount(db());
    // A provider name with quotes and commas travels as a parameter, never as SQL text.
    const provider = `o'neil, "bank" $1`;
    const alone = await topUp(db(), { accountId: acct, amount: dollars(40), provider, idempotencyKey: key("alone"), actor: system });
    const k = key("in-tx");
    const inTx = await db().transaction((tx) => topUp(tx, { accountId: acct, amount: dollars(2), provider, idempotencyKey: k, actor: system }));
    expect(inTx.entries.map((e) => [e.ledgerAccountId, e.kind, e.ref])).toEqual(alone.entries.map((e) => [e.ledgerAccountId, e.kind, e.ref]));
    expect(inTx.entries.map((e) => e.balanceAfter)).toEqual([dollars(42), alone.entries[1]!.balanceAfter - dollars(2)]);
    // Replays and conflicts are recognised whichever path wrote the key.
    expect(await topUp(db(), { accountId: acct, amount: dollars(2), provider, idempotencyKey: k, actor: system })).toMatchObject({
      transactionId: inTx.transactionId,
      replayed: true,
    });
    await expect(
      db().transaction((tx) => topUp(tx, { accountId: acct, amount: dollars(3), provider, idempotencyKey: k, actor: system })),
    ).rejects.toMatchObject({ code: "IDEMPOTENCY_CONFLICT" });

    // The first posting of a new account inside a caller's transaction creates its ledger
    // accounts; rolled back with the caller, nothing of it stays.
    const fresh = await createAccount(db());
    const rolledBack = db().transaction(async (tx) => {
      await chargeUsage(tx, { accountId: fresh, amount: dollars(1), idempotencyKey: key("usage"), actor: system });
      expect((await getBalances(tx, { accountId: fresh })).balance).toBe(dollars(-1));
      throw new Error("caller changed its mind");
    });
    await expect(rolledBack).rejects.toThrow("caller changed its mind");
    expect(await getBalances(db(), { accountId: fresh })).toEqual({ available: 0n, balance: 0n, creditLimit: 0n, frozen: 0n });
    expect(await db().select().from(auditLog).where(eq(auditLog.accountId, fresh))).toEqual([]);
    expect((await db().select().from(auditLog).where(eq(auditLog.accountId, acct))).map((r) => [r.action, r.targetId])).toEqual([
      ["ledger.top_up", alone.transactionId],
      ["ledger.top_up", inTx.transactionId],
    ]);
  });

  it("audits every operation with who, what and why", async () => {
    const acct = await createAccount(db());
    const adj = await staffAdjustment(db(), { accountId: acct, amount: dollars(-2), reason: "Refund reversed", idempotencyKey: key("adj"), actor: staff });
    await setCreditLimit(db(), { accountId: acct, creditLimit: dollars(50), reason: "Signed credit agreement", actor: staff });
    await expect(staffAdjustment(db(), { accountId: acct, amount: dollars(1), reason: "  ", idempotencyKey: key("adj"), actor: staff })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(setCreditLimit(db(), { accountId: acct, creditLimit: dollars(1), reason: "", actor: staff })).rejects.toMatchObject({ code: "VALIDATION" });

    const rows = await db().select().from(auditLog).where(eq(auditLog.accountId, acct)).orderBy(auditLog.id);
    expect(rows.map((r) => [r.action, r.actorKind, r.reason])).toEqual([
      ["ledger.adjustment", "staff", "Refund reversed"],
      ["billing.credit_limit", "staff", "Signed credit agreement"],
    ]);
    expect(rows[0]!.targetId).toBe(adj.transactionId);
    expect(rows[1]!.data).toEqual({ from: "0", to: "50000000" });
    expect(await getBalances(db(), { accountId: acct })).toEqual({ available: dollars(48), balance: dollars(-2), creditLimit: dollars(50), frozen: 0n });
  });

  it("lists an account's movements with balance after, filters, pages and exports them, and never another account's", async () => {
    const acct = await createAccount(db());
    const other = await createAccount(db());
    await topUp(db(), { accountId: other, amount: dollars(999), provider: "test", idempotencyKey: key("other"), actor: system });
    await topUp(db(), { accountId: acct, amount: dollars(50), provider: "test", idempotencyKey: key("t1"), actor: system });
    const { holdId } = await placeHold(db(), { accountId: acct, amount: dollars(10), resourceRef: "vm-9", idempotencyKey: key("h"), actor: system });
    await chargeUsage(db(), { accountId: acct, amount: 1_500_000n, resourceId: "vm-9", orderNo: "ORD-1", idempotencyKey: key("u"), actor: system });
    await releaseHold(db(), { holdId, actor: system });
    await staffAdjustment(db(), { accountId: acct, amount: dollars(1), reason: '=HYPERLINK("x"), goodwill', idempotencyKey: key("a"), actor: staff });

    const all = await listTransactions(db(), { accountId: acct });
    expect(all.rows.map((r) => [r.type, r.amount, r.balanceAfter, r.frozenAmount])).toEqual([
      ["adjustment", dollars(1), 49_500_000n, 0n],
      ["unfreeze", dollars(10), 48_500_000n, dollars(-10)],
      ["usage", -1_500_000n, 38_500_000n, 0n],
      ["hold", dollars(-10), dollars(40), dollars(10)],
      ["top_up", dollars(50), dollars(50), 0n],
    ]);
    expect(all.nextCursor).toBeNull();

    const p1 = await listTransactions(db(), { accountId: acct, limit: 2 });
    const p2 = await listTransactions(db(), { accountId: acct, limit: 2, cursor: p1.nextCursor });
    const p3 = await listTransactions(db(), { accountId: acct, limit: 2, cursor: p2.nextCursor });
    expect([...p1.rows, ...p2.rows, ...p3.rows].map((r) => r.id)).toEqual(all.rows.map((r) => r.id));
    expect(p3.nextCursor).toBeNull();
    expect((await listTransactions(db(), { accountId: acct, limit: 2, offset: 4 })).rows.map((r) => r.id)).toEqual([all.rows[4]!.id]);

    expect((await listTransactions(db(), { accountId: acct, types: ["hold", "unfreeze"] })).rows).toHaveLength(2);
    expect((await listTransactions(db(), { accountId: acct, orderNo: "ORD-1" })).rows.map((r) => r.type)).toEqual(["usage"]);
    expect((await listTransactions(db(), { accountId: acct, from: new Date(Date.now() + 60_000) })).rows).toEqual([]);
    expect((await listTransactions(db(), { accountId: acct, to: new Date(Date.now() + 60_000) })).rows).toHaveLength(5);
    expect((await listTransactions(db(), { accountId: "not-a-uuid" })).rows).toEqual([]);

    const csv = await exportTransactionsCsv(db(), { accountId: acct });
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(6);
    // Each amount to the cent and in exact micro-dollars, each header naming its unit.
    expect(lines[0]).toBe(
      "Time (UTC),Type,Description,Amount (USD),Amount (micro-USD),Balance after (USD),Balance after (micro-USD),Frozen change (USD),Frozen change (micro-USD),Order number,Resource ID,Transaction ID",
    );
    expect(lines[1]).toContain(`"'=HYPERLINK(""x""), goodwill",1.00,1000000,49.50,49500000,0.00,0,`);
    expect(lines[2]).toContain(",10.00,10000000,48.50,48500000,-10.00,-10000000,");
    expect(lines[3]).toContain("usage,Usage of vm-9,-1.50,-1500000,38.50,38500000,0.00,0,ORD-1,vm-9");
    expect(csv).not.toContain(",999.00,");
    const zh = await exportTransactionsCsv(db(), { accountId: acct, locale: "zh-CN", types: ["top_up"] });
    expect(zh.split("\r\n")[0]).toContain("金额 (USD),金额 (微美元),交易后余额 (USD),交易后余额 (微美元)");
  });

  it("keeps the whole ledger verifiable", async () => {
    const report = await verifyLedger(db());
    expect(report.checks.filter((c) => c.violations > 0)).toEqual([]);
    expect(report.ok).toBe(true);
  });
});

