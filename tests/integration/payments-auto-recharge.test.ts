import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { autoRechargeRuns, emailOutbox, ledgerTransactions, payments } from "@/db/schema";
import { atTime } from "@/lib/clock";
import { chargeUsage } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { lastMonthSpend, runAutoRecharge, saveAutoRecharge, suggestAmount } from "@/lib/payments/auto-recharge";
import { saveProviderMethod } from "@/lib/payments/methods";
import type { ChargeOutcome, ChargeRequest, PaymentProvider } from "@/lib/payments/provider";
import { testProvider } from "@/lib/payments/registry";
import { TEST_CARDS } from "@/lib/payments/test-provider";
import { onPostgres, useTestDb } from "../fixtures/db";
import { createAccount } from "../fixtures/factories";

const h = useTestDb({ max: 12 });
const db = () => h().db;

// A fixed calendar, never today's: the rule depends on the day of the month, so a test
// that read the wall clock passed or failed with the date it ran on. Month 0 is January
// 2031; settings are saved on its 1st at 08:00 unless a test says otherwise.
const at = (monthOffset: number, day = 10, hour = 9, minute = 0) => new Date(Date.UTC(2031, monthOffset, day, hour, minute));
const SAVED = at(0, 1, 8);

async function setUp(card: string, amount = dollars(200), savedAt = SAVED) {
  const { account, members } = await createAccount(db(), ["finance"]);
  await saveProviderMethod(db(), { accountId: account.id, provider: "test", method: testProvider.tokenizeCard({ number: card, expiry: "12/40", cvc: "123" }), who: { userId: members.finance.id } });
  await saveAutoRecharge(db(), { accountId: account.id, enabled: true, amount, dayOfMonth: 5, userId: members.finance.id, now: savedAt });
  return { accountId: account.id, members };
}

/** Slow enough that concurrent jobs really overlap inside the provider call. */
class SlowProvider implements PaymentProvider {
  readonly name = "test" as const;
  readonly methodKinds = ["card"] as const;
  calls = 0;
  async charge(req: ChargeRequest): Promise<ChargeOutcome> {
    this.calls++;
    await new Promise((r) => setTimeout(r, 100));
    return testProvider.charge(req);
  }
  refund = testProvider.refund.bind(testProvider);
  parseWebhook = testProvider.parseWebhook.bind(testProvider);
}

const recharges = (accountId: string) => db().select().from(ledgerTransactions).where(and(eq(ledgerTransactions.accountId, accountId), eq(ledgerTransactions.type, "top_up")));

describe("auto-recharge", () => {
  it(`recharges once per month however many jobs run at once${onPostgres() ? " (Postgres, parallel connections)" : ""}`, async () => {
    const { accountId } = await setUp(TEST_CARDS.succeeds);
    const provider = new SlowProvider();
    const before = (await getBalances(db(), { accountId })).balance;
    const now = at(1);
    const results = await Promise.all(Array.from({ length: 10 }, () => runAutoRecharge(db(), { now, provider, accountIds: [accountId] })));
    expect(results.reduce((n, r) => n + r.succeeded, 0)).toBe(1);
    expect(provider.calls).toBe(1);
    // Later the same month: nothing more.
    await runAutoRecharge(db(), { now: at(1, 28), provider, accountIds: [accountId] });
    expect((await getBalances(db(), { accountId })).balance - before).toBe(dollars(200));
    expect(await recharges(accountId)).toHaveLength(1);
    // The next month: once more.
    await Promise.all(Array.from({ length: 5 }, () => runAutoRecharge(db(), { now: at(2, 6), provider, accountIds: [accountId] })));
    expect(await recharges(accountId)).toHaveLength(2);
  });

  it("does not run before the day, nor in the month it was switched on after the day", async () => {
    // Switched on on the 1st: nothing on the 4th, the recharge on the 5th.
    const early = await setUp(TEST_CARDS.succeeds);
    await runAutoRecharge(db(), { now: at(0, 4, 23, 59), accountIds: [early.accountId] });
    expect(await recharges(early.accountId)).toHaveLength(0);
    await runAutoRecharge(db(), { now: at(0, 5, 0, 1), accountIds: [early.accountId] });
    expect(await recharges(early.accountId)).toHaveLength(1);
    // Switched on on the 12th, after this month's day: not this month, even on the 28th; next month's 5th.
    const late = await setUp(TEST_CARDS.succeeds, dollars(200), at(0, 12));
    await runAutoRecharge(db(), { now: at(0, 12, 9, 1), accountIds: [late.accountId] });
    await runAutoRecharge(db(), { now: at(0, 28), accountIds: [late.accountId] });
    expect(await recharges(late.accountId)).toHaveLength(0);
    await runAutoRecharge(db(), { now: at(1, 4), accountIds: [late.accountId] });
    expect(await recharges(late.accountId)).toHaveLength(0);
    await runAutoRecharge(db(), { now: at(1, 5, 6), accountIds: [late.accountId] });
    expect(await recharges(late.accountId)).toHaveLength(1);
  });

  it("retries a failing card a bounded number of times with backoff, then emails the billing contacts once", async () => {
    const { accountId, members } = await setUp(TEST_CARDS.declined);
    const t0 = at(1);
    const hours = (n: number) => new Date(t0.getTime() + n * 3_600_000);
    await runAutoRecharge(db(), { now: t0, accountIds: [accountId] });
    let [run] = await db().select().from(autoRechargeRuns).where(eq(autoRechargeRuns.accountId, accountId));
    expect(run).toMatchObject({ status: "retry", attempts: 1 });
    // Backoff: not again within the hour.
    await runAutoRecharge(db(), { now: hours(0.5), accountIds: [accountId] });
    expect((await db().select().from(autoRechargeRuns).where(eq(autoRechargeRuns.id, run!.id)))[0]!.attempts).toBe(1);
    await runAutoRecharge(db(), { now: hours(1), accountIds: [accountId] });
    await runAutoRecharge(db(), { now: hours(3), accountIds: [accountId] }); // second retry waits 6 h
    [run] = await db().select().from(autoRechargeRuns).where(eq(autoRechargeRuns.id, run!.id));
    expect(run).toMatchObject({ status: "retry", attempts: 2 });
    for (const n of [7, 8, 24, 48, 200]) await runAutoRecharge(db(), { now: hours(n), accountIds: [accountId] });
    [run] = await db().select().from(autoRechargeRuns).where(eq(autoRechargeRuns.id, run!.id));
    expect(run).toMatchObject({ status: "failed", attempts: 3 });
    expect(await db().select().from(payments).where(eq(payments.accountId, accountId))).toHaveLength(3);
    const mails = await db().select().from(emailOutbox).where(and(eq(emailOutbox.accountId, accountId), eq(emailOutbox.template, "auto-recharge-failed")));
    expect(mails.map((m) => m.to)).toEqual([members.finance.email]);
    expect(await recharges(accountId)).toHaveLength(0);
  });

  it("switched off while waiting for a retry, the month is not charged again", async () => {
    const { accountId, members } = await setUp(TEST_CARDS.declined);
    const t0 = at(1);
    await runAutoRecharge(db(), { now: t0, accountIds: [accountId] });
    await saveAutoRecharge(db(), { accountId, enabled: false, amount: dollars(200), dayOfMonth: 5, userId: members.finance.id, now: new Date(t0.getTime() + 60_000) });
    await runAutoRecharge(db(), { now: new Date(t0.getTime() + 2 * 3_600_000), accountIds: [accountId] });
    expect(await db().select().from(payments).where(eq(payments.accountId, accountId))).toHaveLength(1);
  });

  it("suggests an amount above last month's spend", async () => {
    const { account } = await createAccount(db(), ["finance"]);
    await atTime(at(0, 20), () => chargeUsage(db(), { accountId: account.id, amount: dollars(137), idempotencyKey: `usage:${crypto.randomUUID()}`, actor: { kind: "system" } }));
    const nextMonth = at(1, 2);
    const spend = await lastMonthSpend(db(), account.id, nextMonth);
    expect(spend).toBe(dollars(137));
    expect(suggestAmount(spend)).toBeGreaterThan(spend);
    expect(suggestAmount(spend)).toBe(dollars(170)); // 137 × 1.2 = 164.40, up to the next $10
    expect(await lastMonthSpend(db(), account.id, at(2, 2))).toBe(0n);
    expect(suggestAmount(0n)).toBe(dollars(50));
  });

  it("cannot be switched on without a primary method", async () => {
    const { account, members } = await createAccount(db(), ["finance"]);
    await expect(saveAutoRecharge(db(), { accountId: account.id, enabled: true, amount: dollars(100), dayOfMonth: 3, userId: members.finance.id })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(saveAutoRecharge(db(), { accountId: account.id, enabled: false, amount: dollars(100), dayOfMonth: 29, userId: members.finance.id })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
