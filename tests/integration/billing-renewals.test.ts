import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { emailOutbox, orders, resources } from "@/db/schema";
import { purchaseSubscription } from "@/lib/billing/subscribe";
import { subscriptionsJob } from "@/lib/jobs/subscriptions";
import { topUp } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount } from "../fixtures/factories";
import { key, system } from "../fixtures/ledger";

const handle = useTestDb();
const db = () => handle().db;
const H = 3_600_000;

beforeAll(async () => ensureCatalogue(db()));

async function subscribed(funds: bigint, start: Date, autoRenew: boolean) {
  const { account } = await createAccount(db(), ["admin", "finance", "member"]);
  await topUp(db(), { accountId: account.id, amount: funds, provider: "test", idempotencyKey: key("topup"), actor: system });
  const { resource } = await purchaseSubscription(db(), { accountId: account.id, productId: "test.sub", quantity: 1, termMonths: 1, autoRenew, actor: system, idempotencyKey: key("sub"), now: start });
  const run = async (t: Date) => {
    const r = await subscriptionsJob(db(), { now: t, accountIds: [account.id] });
    expect(await subscriptionsJob(db(), { now: t, accountIds: [account.id] })).toBeNull(); // a second instance does nothing
    return r;
  };
  const res = async () => (await db().select().from(resources).where(eq(resources.id, resource.id)))[0]!;
  const emails = async () => (await db().select().from(emailOutbox).where(eq(emailOutbox.accountId, account.id))).map((e) => `${(e.props as { step: string }).step} ${e.to.split("-")[0]}`).sort();
  return { acct: account.id, resource, run, res, emails };
}

describe("subscription renewals and reminders", () => {
  it("renews at expiry when auto-renew is on and funds suffice, paying once per term", async () => {
    const s = await subscribed(dollars(100), new Date("2043-01-10T09:00:00Z"), true);
    expect((await s.res()).expiresAt).toEqual(new Date("2043-02-10T09:00:00Z"));
    expect((await s.run(new Date("2043-02-05T10:00:00Z")))?.reminders).toBe(2); // it will renew: the reminder says so
    expect(await s.run(new Date("2043-02-10T09:20:00Z"))).toMatchObject({ renewed: 1, expired: 0 });
    expect(await s.res()).toMatchObject({ status: "running", expiresAt: new Date("2043-03-10T09:00:00Z") });
    expect((await getBalances(db(), { accountId: s.acct })).balance).toBe(dollars(80));
    expect(await s.run(new Date("2043-02-10T10:20:00Z"))).toMatchObject({ renewed: 0 });
    const renewals = await db().select().from(orders).where(eq(orders.resourceId, s.resource.id));
    expect(renewals.map((o) => [o.type, o.requestKey])).toContainEqual(["renewal", `renew:${s.resource.id}:2043-02-10T09:00:00.000Z`]);
    expect(await s.emails()).toEqual(["7d admin", "7d finance"]);
  });

  it("is stopped at expiry when funds are short, after one reminder per step (7 days, 48 hours, 24 hours)", async () => {
    const start = new Date("2044-01-10T09:00:00Z");
    const s = await subscribed(dollars(10), start, true);
    const exp = new Date("2044-02-10T09:00:00Z").getTime();
    await s.run(new Date(exp - 8 * 24 * H));
    expect(await s.emails()).toEqual([]);
    await s.run(new Date(exp - 7 * 24 * H + H));
    await s.run(new Date(exp - 6 * 24 * H));
    await s.run(new Date(exp - 47 * H));
    await s.run(new Date(exp - 46 * H));
    await s.run(new Date(exp - 23 * H));
    await s.run(new Date(exp - 2 * H));
    expect(await s.emails()).toEqual(["24h admin", "24h finance", "48h admin", "48h finance", "7d admin", "7d finance"]);
    expect(await s.run(new Date(exp + 20 * 60_000))).toMatchObject({ renewed: 0, expired: 1 });
    // Stopped at its expiry, released 72 hours later unless renewed (tests/integration/subscription-lapse.test.ts).
    expect(await s.res()).toMatchObject({ status: "stopped", stoppedAt: new Date(exp), releasedAt: null });
    expect((await getBalances(db(), { accountId: s.acct })).balance).toBe(0n);
  });

  it("is stopped at expiry without auto-renew even with funds", async () => {
    const s = await subscribed(dollars(100), new Date("2045-01-10T09:00:00Z"), false);
    expect(await s.run(new Date("2045-02-10T09:20:00Z"))).toMatchObject({ renewed: 0, expired: 1 });
    expect((await s.res()).status).toBe("stopped");
    expect((await getBalances(db(), { accountId: s.acct })).balance).toBe(dollars(90));
  });
});
