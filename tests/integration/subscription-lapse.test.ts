import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { billingEvents, emailOutbox, orders, paymentMethods, resources, users } from "@/db/schema";
import { activateResource } from "@/lib/billing/activate";
import { previewRenewal, renewStopped } from "@/lib/billing/renew-stopped";
import { purchaseSubscription } from "@/lib/billing/subscribe";
import { atTime } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { subscriptionsJob } from "@/lib/jobs/subscriptions";
import { post, topUp, verifyLedger } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { TEST_CARDS, testToken } from "@/lib/payments/test-provider";
import { topUpWithMethod } from "@/lib/payments/top-up";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount } from "../fixtures/factories";
import { key, system } from "../fixtures/ledger";

const handle = useTestDb();
const db = () => handle().db;
const H = 3_600_000;

beforeAll(async () => ensureCatalogue(db()));

/**
 * An account (admin, finance, plain member; the admin reads Chinese) with `funds`, and a
 * one-month test.sub ($10) bought at `start`; it expires a month later. Each test has its own
 * year, so the hourly job's periods never collide.
 */
async function lapsing(funds: bigint, start: Date, autoRenew: boolean) {
  const { account, members } = await createAccount(db(), ["admin", "finance", "member"]);
  const acct = account.id;
  await topUp(db(), { accountId: acct, amount: funds, provider: "test", idempotencyKey: key("topup"), actor: system });
  const { resource } = await purchaseSubscription(db(), { accountId: acct, productId: "test.sub", quantity: 1, termMonths: 1, autoRenew, actor: system, idempotencyKey: key("sub"), now: start });
  const exp = resource.expiresAt!.getTime();
  const at = (h: number) => new Date(exp + h * H);
  /** The hourly job at expiry + h hours, twice: a rerun or a second instance does nothing. */
  const run = async (h: number) => {
    const r = await subscriptionsJob(db(), { now: at(h), accountIds: [acct] });
    expect(await subscriptionsJob(db(), { now: at(h), accountIds: [acct] })).toBeNull();
    return r;
  };
  const res = async () => (await db().select().from(resources).where(eq(resources.id, resource.id)))[0]!;
  const emails = async () =>
    (await db().select().from(emailOutbox).where(eq(emailOutbox.accountId, acct)))
      .filter((e) => e.template.startsWith("subscription-") && e.template !== "subscription-reminder")
      .map((e) => `${e.template} ${e.to.split("-")[0]} ${e.locale}`)
      .sort();
  const events = async () =>
    (await db().select().from(billingEvents).where(eq(billingEvents.accountId, acct)).orderBy(billingEvents.seq))
      .map((e) => ({ type: e.type, version: e.version, data: (JSON.parse(e.body) as { data: Record<string, unknown> }).data }))
      .filter((e) => e.type !== "resource.activated" && e.type !== "subscription.expiring");
  const balance = async () => (await getBalances(db(), { accountId: acct })).balance;
  return { acct, members, resource, at, run, res, emails, events, balance };
}

async function refused(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return "accepted";
}

describe("subscriptions that cannot renew: stopped 72 hours, then released", () => {
  it("expiry without funds → stopped and emailed; +71 h still stopped; +72 h released and emailed; reruns do nothing twice", async () => {
    const s = await lapsing(dollars(15), new Date("2051-01-10T09:00:00Z"), true);
    await db().update(users).set({ locale: "zh-CN" }).where(eq(users.id, s.members.admin.id));

    expect(await s.run(0.33)).toMatchObject({ renewed: 0, expired: 1, released: 0 });
    expect(await s.res()).toMatchObject({ status: "stopped", stoppedReason: "expiry", stoppedAt: s.at(0), releasedAt: null });
    expect(await s.emails()).toEqual(["subscription-stopped admin zh-CN", "subscription-stopped finance en"]);
    expect(await s.events()).toEqual([
      { type: "resource.stopped", version: 2, data: expect.objectContaining({ reason: "expiry", stoppedAt: s.at(0).toISOString(), releaseAt: s.at(72).toISOString() }) },
      { type: "subscription.expired", version: 1, data: expect.objectContaining({ expiresAt: s.at(0).toISOString() }) },
    ]);
    // Nothing charged while stopped: the $5 left stays.
    expect(await s.balance()).toBe(dollars(5));

    expect(await s.run(71.33)).toMatchObject({ expired: 0, released: 0 });
    expect((await s.res()).status).toBe("stopped");

    expect(await s.run(72.33)).toMatchObject({ released: 1 });
    expect(await s.res()).toMatchObject({ status: "expired", releasedAt: s.at(72.33) });
    expect(await s.run(73.33)).toMatchObject({ released: 0 });
    expect(await s.emails()).toEqual(["subscription-released admin zh-CN", "subscription-released finance en", "subscription-stopped admin zh-CN", "subscription-stopped finance en"]);
    const last = (await s.events()).at(-1)!;
    expect(last).toMatchObject({ type: "resource.released", data: { reason: "expiry" } });
    expect((await s.events()).filter((e) => e.type === "resource.released")).toHaveLength(1);
    expect(await s.balance()).toBe(dollars(5));
    // A released subscription can no longer be renewed.
    expect(await refused(renewStopped(db(), { accountId: s.acct, resourceId: s.resource.id, actor: system, now: s.at(73) }))).toBe("CONFLICT");
    expect((await verifyLedger(db())).ok).toBe(true);
  });

  it("auto-renew off: stopped at expiry even with funds, and the Renew action within 72 h pays one term from the old expiry and resumes it", async () => {
    const s = await lapsing(dollars(100), new Date("2052-03-10T09:00:00Z"), false);
    expect(await s.run(0.33)).toMatchObject({ renewed: 0, expired: 1 });
    expect(await s.res()).toMatchObject({ status: "stopped", stoppedReason: "expiry" });
    expect(await s.balance()).toBe(dollars(90));

    const preview = await previewRenewal(db(), s.acct, s.resource.id, s.at(30));
    expect(preview).toMatchObject({ price: dollars(10), termMonths: 1, newExpiresAt: new Date("2052-05-10T09:00:00Z"), releaseAt: s.at(72), affordable: true });
    // Another account's resource is not found.
    const other = await createAccount(db(), ["admin"]);
    expect(await refused(renewStopped(db(), { accountId: other.account.id, resourceId: s.resource.id, actor: system, now: s.at(30) }))).toBe("NOT_FOUND");

    const done = await renewStopped(db(), { accountId: s.acct, resourceId: s.resource.id, actor: { kind: "user", userId: s.members.admin.id }, now: s.at(30) });
    expect(done.price).toBe(dollars(10));
    expect(await s.res()).toMatchObject({ status: "running", stoppedAt: null, stoppedReason: null, expiresAt: new Date("2052-05-10T09:00:00Z") });
    expect(await s.balance()).toBe(dollars(80));
    expect((await s.events()).slice(-2).map((e) => e.type)).toEqual(["subscription.renewed", "resource.resumed"]);
    // A second click charges nothing and says it is not stopped.
    expect(await refused(renewStopped(db(), { accountId: s.acct, resourceId: s.resource.id, actor: system, now: s.at(30) }))).toBe("CONFLICT");
    expect(await s.balance()).toBe(dollars(80));
    // The 72-hour mark passes: it is running, nothing is released.
    expect(await s.run(72.33)).toMatchObject({ released: 0 });
    expect((await s.res()).status).toBe("running");
    const renewals = await db().select().from(orders).where(and(eq(orders.resourceId, s.resource.id), eq(orders.type, "renewal")));
    expect(renewals.map((o) => [o.requestKey, o.net, o.actorKind])).toEqual([[`renew:${s.resource.id}:${s.at(0).toISOString()}`, dollars(10), "user"]]);
    expect((await verifyLedger(db())).ok).toBe(true);
  });

  it("a top-up with auto-renew on renews and resumes at once; the gate refuses purchases while it is stopped, changing nothing, and allows them after", async () => {
    const s = await lapsing(dollars(15), new Date("2053-05-10T09:00:00Z"), true);
    await s.run(0.33);
    expect((await s.res()).status).toBe("stopped");

    // Overdue: activation and purchase are refused, nothing written.
    const before = { orders: (await db().select().from(orders).where(eq(orders.accountId, s.acct))).length, balance: await s.balance() };
    const buy = (k: string) => purchaseSubscription(db(), { accountId: s.acct, productId: "test.sub", quantity: 1, termMonths: 1, autoRenew: false, actor: system, idempotencyKey: k, now: s.at(1) });
    const activate = (k: string) => activateResource(db(), { accountId: s.acct, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: k, now: s.at(1) });
    expect(await refused(buy(key("b")))).toBe("ACCOUNT_OVERDUE");
    expect(await refused(activate(key("a")))).toBe("ACCOUNT_OVERDUE");
    expect((await db().select().from(orders).where(eq(orders.accountId, s.acct))).length).toBe(before.orders);
    expect((await db().select().from(resources).where(eq(resources.accountId, s.acct))).length).toBe(1);
    expect(await s.balance()).toBe(before.balance);

    const [card] = await db()
      .insert(paymentMethods)
      .values({ accountId: s.acct, provider: "test", kind: "card", label: "Visa 4242", brand: "visa", last4: "4242", providerToken: testToken(TEST_CARDS.succeeds), isDefault: true })
      .returning();
    const paid = await atTime(s.at(5), () => topUpWithMethod(db(), { accountId: s.acct, methodId: card!.id, amount: dollars(20), requestId: key("pay"), userId: s.members.admin.id }));
    expect(paid).toMatchObject({ status: "succeeded" });
    // No job ran: the payment itself renewed it, from the old expiry.
    expect(await s.res()).toMatchObject({ status: "running", stoppedReason: null, expiresAt: new Date("2053-07-10T09:00:00Z") });
    expect(await s.balance()).toBe(dollars(15));
    expect((await s.events()).slice(-2).map((e) => e.type)).toEqual(["subscription.renewed", "resource.resumed"]);
    // A job run after it renews nothing twice.
    expect(await s.run(5.33)).toMatchObject({ renewed: 0, resumed: 0, expired: 0 });
    expect(await s.balance()).toBe(dollars(15));

    expect(await refused(activate(key("a2")))).toBe("accepted");
    expect(await refused(buy(key("b2")))).toBe("accepted");
    expect((await verifyLedger(db())).ok).toBe(true);
  });

  it("a stopped subscription with auto-renew on resumes on the next job run once funds cover it (a credit from staff, not a payment)", async () => {
    const s = await lapsing(dollars(12), new Date("2054-07-10T09:00:00Z"), true);
    await s.run(0.33);
    expect(await s.run(1.33)).toMatchObject({ resumed: 0 });
    await topUp(db(), { accountId: s.acct, amount: dollars(10), provider: "test", idempotencyKey: key("credit"), actor: system });
    expect(await s.run(2.33)).toMatchObject({ resumed: 1 });
    expect(await s.res()).toMatchObject({ status: "running", expiresAt: new Date("2054-09-10T09:00:00Z") });
    expect(await s.balance()).toBe(dollars(2));
  });

  it("the gate refuses an account with negative available funds", async () => {
    const s = await lapsing(dollars(10), new Date("2055-01-10T09:00:00Z"), false);
    await post(db(), {
      idempotencyKey: key("owe"), accountId: s.acct, type: "adjustment", description: "test debt",
      entries: [{ account: { kind: "cash" }, amount: -1_000_000n }, { account: { kind: "revenue" }, amount: 1_000_000n }], actor: system, audit: { action: "billing.adjustment", data: {} },
    });
    expect(await refused(activateResource(db(), { accountId: s.acct, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("a"), now: s.at(-100) }))).toBe("ACCOUNT_OVERDUE");
  });
});
