import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { accountBillingState, billingEvents, charges, emailOutbox, paymentMethods, resources } from "@/db/schema";
import { activateResource } from "@/lib/billing/activate";
import { billingCycleJob } from "@/lib/jobs/billing-cycle";
import { overdueJob } from "@/lib/jobs/overdue";
import { setAccountProtection } from "@/lib/billing/protection";
import { topUp, verifyLedger } from "@/lib/ledger";
import { TEST_CARDS, testToken } from "@/lib/payments/test-provider";
import { topUpWithMethod } from "@/lib/payments/top-up";
import { atTime } from "@/lib/clock";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount } from "../fixtures/factories";
import { key, system } from "../fixtures/ledger";

const handle = useTestDb();
const db = () => handle().db;
const H = 3_600_000;

beforeAll(async () => ensureCatalogue(db()));

/**
 * An account with $0.10, an admin, a finance member and a plain member, a card that is
 * declined, and one test.hourly resource ($0.06 an hour, 2 h protection) started at t0.
 * Every test has its own year, so job periods never collide.
 */
async function setup(t0: Date) {
  const { account, members } = await createAccount(db(), ["admin", "finance", "member"]);
  const acct = account.id;
  await topUp(db(), { accountId: acct, amount: 100_000n, provider: "test", idempotencyKey: key("topup"), actor: system });
  await db().insert(paymentMethods).values({ accountId: acct, provider: "test", kind: "card", label: "Visa", brand: "visa", last4: "0002", providerToken: testToken(TEST_CARDS.declined), isDefault: true });
  const { resource } = await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("a"), now: t0 });
  const at = (h: number) => new Date(t0.getTime() + h * H);
  /** Both jobs as the scheduler runs them, twice (a second instance or a rerun does nothing). */
  const tick = async (h: number) => {
    for (let i = 0; i < 2; i++) {
      await billingCycleJob(db(), { now: at(h), accountIds: [acct] });
      await overdueJob(db(), { now: at(h), accountIds: [acct] });
    }
  };
  const emails = async () => (await db().select().from(emailOutbox).where(eq(emailOutbox.accountId, acct))).map((e) => `${e.template} ${e.to.split("-")[0]}`).sort();
  const state = async () => (await db().select().from(accountBillingState).where(eq(accountBillingState.accountId, acct)))[0]!;
  const res = async () => (await db().select().from(resources).where(eq(resources.id, resource.id)))[0]!;
  const chargeStarts = async () => (await db().select().from(charges).where(eq(charges.resourceId, resource.id)).orderBy(charges.periodStart)).map((c) => (c.periodStart.getTime() - t0.getTime()) / H);
  return { acct, members, resource, at, tick, emails, state, res, chargeStarts };
}

describe("overdue lifecycle", () => {
  it("declined card → overdue and emailed → protection → stopped → 72 h → released, each step emailed once", async () => {
    const t0 = new Date("2041-05-01T10:00:00Z");
    const s = await setup(t0);

    // 10:00–11:00 charged: $0.10 - $0.06 hold - $0.06 = -$0.02; the card is declined.
    await s.tick(1.1);
    expect((await s.state()).overdueSince).toEqual(s.at(1.1));
    expect(await s.emails()).toEqual(["billing-overdue admin", "billing-overdue finance"]);

    // Protection: still running 2 h after the account became overdue, minus a moment.
    await s.tick(2.1);
    await s.tick(3.05);
    expect((await s.res()).status).toBe("running");
    await s.tick(3.1);
    expect(await s.res()).toMatchObject({ status: "stopped", stoppedAt: s.at(3.1) });
    // Charged up to the stop (the increment in progress in full), then nothing while stopped.
    expect(await s.chargeStarts()).toEqual([0, 1, 2, 3]);
    await s.tick(20.1);
    await s.tick(75.05);
    expect(await s.chargeStarts()).toEqual([0, 1, 2, 3]);
    expect((await s.res()).status).toBe("stopped");
    expect(await s.emails()).toEqual(["billing-overdue admin", "billing-overdue finance", "billing-overdue-stopped admin", "billing-overdue-stopped finance"]);

    // 72 h after the stop: released (reason overdue), the hold offsets what is owed.
    await s.tick(75.1);
    expect((await s.res()).status).toBe("released");
    await s.tick(76.1);
    expect(await s.emails()).toEqual([
      "billing-overdue admin", "billing-overdue finance", "billing-overdue-released admin", "billing-overdue-released finance", "billing-overdue-stopped admin", "billing-overdue-stopped finance",
    ]);
    expect(await getBalances(db(), { accountId: s.acct })).toMatchObject({ balance: 100_000n - 4n * 60_000n, frozen: 0n });
    expect((await s.state()).overdueSteps).toEqual(["notified", "stopped", "released"]);
    expect((await verifyLedger(db())).ok).toBe(true);
  });

  it("a top-up during the stop resumes the resource within one run, charged again from then", async () => {
    const t0 = new Date("2042-05-01T10:00:00Z");
    const s = await setup(t0);
    await s.tick(1.1);
    await s.tick(3.1);
    expect((await s.res()).status).toBe("stopped");
    await s.tick(5.1);
    expect((await getBalances(db(), { accountId: s.acct })).available).toBe(100_000n - 5n * 60_000n);

    await topUp(db(), { accountId: s.acct, amount: 1_000_000n, provider: "test", idempotencyKey: key("topup"), actor: system });
    await s.tick(6.1);
    expect(await s.res()).toMatchObject({ status: "running", stoppedAt: null, billedUntil: s.at(6.1) });
    expect(await s.state()).toMatchObject({ overdueSince: null, overdueSteps: [] });
    // Not charged for 4:00–6:06; from 6:06 again (pro-rated to 7:00), never released.
    await s.tick(8.1);
    const list = await db().select().from(charges).where(eq(charges.resourceId, s.resource.id)).orderBy(charges.periodStart);
    expect(list.map((c) => c.periodStart)).toEqual([s.at(0), s.at(1), s.at(2), s.at(3), s.at(6.1), s.at(7)]);
    expect(list[4]!.gross).toBe(54_000n);
    await s.tick(100);
    expect((await s.res()).status).toBe("running");
    expect((await s.emails()).filter((e) => e.includes("released"))).toEqual([]);
  });
});

describe("without waiting for the overdue job", () => {
  it("a card top-up of a stopped account resumes its resource as the payment succeeds; the hourly billing run takes the steps due when it marks an account overdue", async () => {
    const t0 = new Date("2047-05-01T10:00:00Z");
    const s = await setup(t0);
    await setAccountProtection(db(), { accountId: s.acct, hours: 0, reason: "Agreed with the customer", actor: system });
    // The billing run alone: overdue, the first email and (0 hours of protection) the stop, in that run.
    await atTime(s.at(1.1), () => billingCycleJob(db(), { now: s.at(1.1), accountIds: [s.acct] }));
    expect(await s.res()).toMatchObject({ status: "stopped", stoppedAt: s.at(1.1) });
    expect(await s.emails()).toEqual(["billing-overdue admin", "billing-overdue finance", "billing-overdue-stopped admin", "billing-overdue-stopped finance"]);

    const [card] = await db()
      .insert(paymentMethods)
      .values({ accountId: s.acct, provider: "test", kind: "card", label: "Visa 4242", brand: "visa", last4: "4242", providerToken: testToken(TEST_CARDS.succeeds), isDefault: false })
      .returning();
    const paid = await atTime(s.at(1.5), () => topUpWithMethod(db(), { accountId: s.acct, methodId: card!.id, amount: 50_000_000n, requestId: key("pay"), userId: s.members.admin.id }));
    expect(paid).toMatchObject({ status: "succeeded" });
    // No overdue job ran: the payment itself resumed it.
    expect(await s.res()).toMatchObject({ status: "running", stoppedAt: null });
    expect(await s.state()).toMatchObject({ overdueSince: null });
    const types = (await db().select().from(billingEvents).where(eq(billingEvents.accountId, s.acct)).orderBy(billingEvents.seq)).map((e) => e.type);
    expect(types.slice(-3)).toEqual(["payment.succeeded", "resource.resumed", "account.recovered"]);
  });
});

describe("a protection period staff set for the account", () => {
  const protect = (acct: string, hours: number | null) => setAccountProtection(db(), { accountId: acct, hours, reason: "Agreed with the customer", actor: system });

  it("0 hours: the resource is stopped at the first overdue run, and the events are the same as with the product's period", async () => {
    const t0 = new Date("2043-05-01T10:00:00Z");
    const s = await setup(t0);
    await protect(s.acct, 0);
    await s.tick(1.1);
    expect((await s.state()).overdueSince).toEqual(s.at(1.1));
    expect(await s.res()).toMatchObject({ status: "stopped", stoppedAt: s.at(1.1) });
    const types = (await db().select().from(billingEvents).where(eq(billingEvents.accountId, s.acct)).orderBy(billingEvents.seq)).map((e) => e.type);
    expect(types).toEqual(["resource.activated", "payment.failed", "account.overdue", "resource.stopped"]);
  });

  it("48 hours keeps the 2-hour product running 3 hours into the overdue episode, and stops it at 48 hours", async () => {
    const t0 = new Date("2044-05-01T10:00:00Z");
    const s = await setup(t0);
    await protect(s.acct, 48);
    await s.tick(1.1);
    await s.tick(4.1);
    expect((await s.res()).status).toBe("running");
    await s.tick(49.05);
    expect((await s.res()).status).toBe("running");
    await s.tick(49.1);
    expect(await s.res()).toMatchObject({ status: "stopped", stoppedAt: s.at(49.1) });
  });

  it("set while the account is already overdue, it applies from the next run; set back to the product default, the product's 2 hours again", async () => {
    const t0 = new Date("2045-05-01T10:00:00Z");
    const s = await setup(t0);
    await protect(s.acct, 48);
    expect(await protect(s.acct, null)).toEqual({ before: 48, after: null });
    await s.tick(1.1);
    await s.tick(3.05);
    expect((await s.res()).status).toBe("running");
    await protect(s.acct, 1);
    await s.tick(3.09); // the next 5-minute run, still before the product's 2 hours
    expect(await s.res()).toMatchObject({ status: "stopped", stoppedAt: s.at(3.09) });
  });

  it("out of range or without a reason it is refused and nothing changes; the database refuses 721 hours even straight at it", async () => {
    const s = await setup(new Date("2046-05-01T10:00:00Z"));
    await protect(s.acct, 5);
    await expect(protect(s.acct, 721)).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(protect(s.acct, 1.5)).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(setAccountProtection(db(), { accountId: s.acct, hours: 0, reason: " x ", actor: system })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(setAccountProtection(db(), { accountId: crypto.randomUUID(), hours: 0, reason: "Agreed", actor: system })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await s.state()).protectionHours).toBe(5);
    await expect(db().update(accountBillingState).set({ protectionHours: 721 }).where(eq(accountBillingState.accountId, s.acct))).rejects.toThrow();
    expect((await s.state()).protectionHours).toBe(5);
  });
});
