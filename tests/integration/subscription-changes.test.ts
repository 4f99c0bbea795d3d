import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { accountBillingState, auditLog, emailOutbox, ledgerTransactions, orders, products, resources } from "@/db/schema";
import { renderEmail } from "@/lib/email/render";
import { purchaseSubscription } from "@/lib/billing/subscribe";
import { cancelScheduledChange, changeSubscription, previewChange, setAutoRenew } from "@/lib/billing/subscription-change";
import { ordersCsvLines } from "@/lib/billing/orders-csv";
import { computeInvoice } from "@/lib/invoices/compute";
import { periodOf } from "@/lib/invoices/period";
import { subscriptionsJob } from "@/lib/jobs/subscriptions";
import { topUp } from "@/lib/ledger";
import { atTime } from "@/lib/clock";
import { dollars } from "@/lib/money";
import { monthlySpendOf, spendFromCharges, verifyDailyCosts, verifyMonthlySpend } from "@/lib/billing/spend";
import { useTestDb, onPostgres } from "../fixtures/db";
import { createAccount } from "../fixtures/factories";
import { key, system } from "../fixtures/ledger";

const handle = useTestDb({ max: 4 });
const db = () => handle().db;
const sub = { category: "test", region: "test", dataCenter: "test", billingMode: "subscription" as const, unitLabel: "month", protectionHours: 0, termDiscount3Bps: 500, termDiscount6Bps: 1000, termDiscount12Bps: 1500, family: "chg" };

beforeAll(async () => {
  await db()
    .insert(products)
    .values([
      { id: "chg.s", nameEn: "Change small", nameZh: "变更小号", unitPrice: dollars(10), rank: 1, ...sub },
      { id: "chg.m", nameEn: "Change medium", nameZh: "变更中号", unitPrice: dollars(25), rank: 2, ...sub },
      { id: "chg.other", nameEn: "Other family", nameZh: "其他系列", unitPrice: dollars(50), rank: 3, ...sub, family: "other" },
    ])
    .onConflictDoNothing();
});

const START = new Date("2046-01-10T09:00:00Z");
const EXPIRY = new Date("2046-02-10T09:00:00Z");

async function subscribed(funds: bigint, productId = "chg.s", autoRenew = true) {
  const { account } = await createAccount(db(), ["admin", "finance"]);
  await topUp(db(), { accountId: account.id, amount: funds, provider: "test", idempotencyKey: key("topup"), actor: system });
  const { resource } = await purchaseSubscription(db(), { accountId: account.id, productId, quantity: 1, termMonths: 1, autoRenew, actor: system, idempotencyKey: key("sub"), now: START });
  const acct = account.id;
  return {
    acct,
    id: resource.id,
    res: async () => (await db().select().from(resources).where(eq(resources.id, resource.id)))[0]!,
    balance: async () => (await getBalances(db(), { accountId: acct })).balance,
    orders: async () => (await db().select().from(orders).where(eq(orders.accountId, acct))).map((o) => [o.type, o.productId, o.net]).sort(),
  };
}

describe("subscription changes", () => {
  it("an upgrade is charged |Δ monthly| × (expiry − now) / 30 days, half-even to the micro-dollar, and the preview is the charge", async () => {
    const s = await subscribed(dollars(100));
    // 15 d 19 h 43 min left: $15 × 1,366,980,000 ms / 2,592,000,000 ms = 7.910763888… → 7.910764
    const now = new Date("2046-01-25T13:17:00Z");
    const preview = await previewChange(db(), { accountId: s.acct, resourceId: s.id, productId: "chg.m", now });
    expect(preview).toMatchObject({ kind: "upgrade", net: 7_910_764n, effectiveAt: now, to: { productId: "chg.m", unitPrice: dollars(25) } });
    expect(await s.balance()).toBe(dollars(90)); // a preview changes nothing
    // The ledger dates a posting by the clock (set here), the invoice picks it up by that date.
    const done = await atTime(now, () => changeSubscription(db(), { accountId: s.acct, resourceId: s.id, productId: "chg.m", actor: system, idempotencyKey: "up-1" }));
    expect(done.order).toMatchObject({ type: "upgrade", net: preview.net, orderNo: expect.stringMatching(/^ORD\d{10}$/) });
    expect(await s.balance()).toBe(dollars(90) - 7_910_764n);
    expect(await s.res()).toMatchObject({ productId: "chg.m", unitPrice: dollars(25), quantity: 1n, expiresAt: EXPIRY });
    const [posting] = await db().select().from(ledgerTransactions).where(and(eq(ledgerTransactions.accountId, s.acct), eq(ledgerTransactions.orderNo, done.order.orderNo)));
    expect(posting).toMatchObject({ type: "subscription", resourceId: s.id });
    // On January's invoice as its own line, under its order number, at the charged amount.
    const invoice = await computeInvoice(db(), s.acct, periodOf("2046-01"));
    expect(invoice.lines.find((l) => l.orderNo === done.order.orderNo)).toMatchObject({ kind: "subscription", itemEn: "Change medium: upgrade, the price difference to the end of the term", unitPrice: null, units: null, net: 7_910_000n });
    // The renewal charges the new price.
    await subscriptionsJob(db(), { now: new Date(EXPIRY.getTime() + 60_000), accountIds: [s.acct] });
    expect(await s.orders()).toContainEqual(["renewal", "chg.m", dollars(25)]);
  });

  it("more quantity is an upgrade too; a product of another family is refused", async () => {
    const s = await subscribed(dollars(100));
    const now = new Date("2046-01-25T09:00:00Z"); // 16 days left: $10 × 16 / 30 = 5.333333
    expect(await previewChange(db(), { accountId: s.acct, resourceId: s.id, quantity: 2, now })).toMatchObject({ kind: "upgrade", net: 5_333_333n });
    await expect(previewChange(db(), { accountId: s.acct, resourceId: s.id, productId: "chg.other", now })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("refuses an upgrade funds cannot cover with INSUFFICIENT_FUNDS, changing nothing", async () => {
    const s = await subscribed(dollars(10));
    const now = new Date("2046-01-25T13:17:00Z");
    await expect(changeSubscription(db(), { accountId: s.acct, resourceId: s.id, productId: "chg.m", actor: system, idempotencyKey: "up-poor", now })).rejects.toMatchObject({ code: "INSUFFICIENT_FUNDS" });
    expect(await s.res()).toMatchObject({ productId: "chg.s", unitPrice: dollars(10) });
    expect(await s.orders()).toEqual([["subscription", "chg.s", dollars(10)]]);
    expect(await s.balance()).toBe(0n);
  });

  it("an overdue account cannot upgrade or lengthen, but may downgrade", async () => {
    const s = await subscribed(dollars(100), "chg.m");
    await db().update(accountBillingState).set({ overdueSince: new Date("2046-01-20T00:00:00Z") }).where(eq(accountBillingState.accountId, s.acct));
    const now = new Date("2046-01-25T13:17:00Z");
    await expect(changeSubscription(db(), { accountId: s.acct, resourceId: s.id, quantity: 2, actor: system, idempotencyKey: "up-overdue", now })).rejects.toMatchObject({ code: "ACCOUNT_OVERDUE" });
    await expect(changeSubscription(db(), { accountId: s.acct, resourceId: s.id, termMonths: 3, actor: system, idempotencyKey: "term-overdue", now })).rejects.toMatchObject({ code: "ACCOUNT_OVERDUE" });
    await expect(changeSubscription(db(), { accountId: s.acct, resourceId: s.id, productId: "chg.s", actor: system, idempotencyKey: "down-overdue", now })).resolves.toMatchObject({ kind: "downgrade" });
  });

  it("a retry with the same key is charged once; the same key with other terms is IDEMPOTENCY_CONFLICT", async () => {
    const s = await subscribed(dollars(100));
    const now = new Date("2046-01-25T13:17:00Z");
    const first = await changeSubscription(db(), { accountId: s.acct, resourceId: s.id, quantity: 3, actor: system, idempotencyKey: "retry", now });
    const again = await changeSubscription(db(), { accountId: s.acct, resourceId: s.id, quantity: 3, actor: system, idempotencyKey: "retry", now: new Date(now.getTime() + 60_000) });
    expect(again).toMatchObject({ replayed: true, order: { orderNo: first.order.orderNo } });
    await expect(changeSubscription(db(), { accountId: s.acct, resourceId: s.id, quantity: 4, actor: system, idempotencyKey: "retry", now })).rejects.toMatchObject({ code: "IDEMPOTENCY_CONFLICT" });
    expect((await s.orders()).filter((o) => o[0] === "upgrade")).toHaveLength(1);
    expect(await s.balance()).toBe(dollars(90) - first.order.net);
  });

  it.skipIf(!onPostgres())("a double submit in parallel is counted once", async () => {
    const s = await subscribed(dollars(100));
    const now = new Date("2046-01-25T13:17:00Z");
    const both = await Promise.all([0, 1].map(() => changeSubscription(db(), { accountId: s.acct, resourceId: s.id, productId: "chg.m", actor: system, idempotencyKey: "double", now })));
    expect(new Set(both.map((r) => r.order.orderNo)).size).toBe(1);
    expect((await s.orders()).filter((o) => o[0] === "upgrade")).toHaveLength(1);
    expect(await s.balance()).toBe(dollars(90) - 7_910_764n);
  });

  it("a downgrade waits for the next term, which the renewal prices at the smaller product", async () => {
    const s = await subscribed(dollars(100), "chg.m");
    const now = new Date("2046-01-25T13:17:00Z");
    const done = await changeSubscription(db(), { accountId: s.acct, resourceId: s.id, productId: "chg.s", actor: system, idempotencyKey: "down", now });
    expect(done).toMatchObject({ kind: "downgrade", effectiveAt: EXPIRY, order: { type: "downgrade", net: 0n } });
    expect(await s.res()).toMatchObject({ productId: "chg.m", pendingProductId: "chg.s", pendingQuantity: 1n, pendingOrderNo: done.order.orderNo });
    expect(await s.balance()).toBe(dollars(75));
    await subscriptionsJob(db(), { now: new Date(EXPIRY.getTime() + 60_000), accountIds: [s.acct] });
    expect(await s.res()).toMatchObject({ status: "running", productId: "chg.s", unitPrice: dollars(10), pendingProductId: null, expiresAt: new Date("2046-03-10T09:00:00Z") });
    expect(await s.balance()).toBe(dollars(65));
  });

  it("a scheduled downgrade can be cancelled until then: the renewal keeps the product", async () => {
    const s = await subscribed(dollars(100), "chg.m");
    const now = new Date("2046-01-25T13:17:00Z");
    await changeSubscription(db(), { accountId: s.acct, resourceId: s.id, productId: "chg.s", actor: system, idempotencyKey: "down", now });
    await cancelScheduledChange(db(), { accountId: s.acct, resourceId: s.id, actor: system, now });
    await expect(cancelScheduledChange(db(), { accountId: s.acct, resourceId: s.id, actor: system, now })).rejects.toMatchObject({ code: "CONFLICT" });
    await subscriptionsJob(db(), { now: new Date(EXPIRY.getTime() + 60_000), accountIds: [s.acct] });
    expect(await s.res()).toMatchObject({ productId: "chg.m", pendingProductId: null });
    expect(await s.balance()).toBe(dollars(50));
  });

  it("a longer term starts at the current term's end, paid now at its own term discount", async () => {
    const s = await subscribed(dollars(100));
    const now = new Date("2046-01-25T13:17:00Z");
    const preview = await previewChange(db(), { accountId: s.acct, resourceId: s.id, termMonths: 3, now });
    // 3 months × $10 less the 5 % three-month discount
    expect(preview).toMatchObject({ kind: "extension", gross: dollars(30), discount: 1_500_000n, net: 28_500_000n, effectiveAt: EXPIRY, to: { termMonths: 3, expiresAt: new Date("2046-05-10T09:00:00Z") } });
    const done = await changeSubscription(db(), { accountId: s.acct, resourceId: s.id, termMonths: 3, actor: system, idempotencyKey: "longer", now });
    expect(done.order).toMatchObject({ type: "extension", termMonths: 3, net: 28_500_000n });
    expect(await s.res()).toMatchObject({ termMonths: 3, expiresAt: new Date("2046-05-10T09:00:00Z") });
    expect(await s.balance()).toBe(dollars(90) - 28_500_000n);
    await expect(previewChange(db(), { accountId: s.acct, resourceId: s.id, termMonths: 1, now })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("an upgrade's and a longer term's prices are spend: the rollups equal what verify and rebuild recompute from the orders", async () => {
    const s = await subscribed(dollars(100));
    const now = new Date("2046-01-25T13:17:00Z");
    const before = await monthlySpendOf(db(), s.acct, 1, now);
    await changeSubscription(db(), { accountId: s.acct, resourceId: s.id, productId: "chg.m", actor: system, idempotencyKey: "spend-up", now });
    await changeSubscription(db(), { accountId: s.acct, resourceId: s.id, termMonths: 3, actor: system, idempotencyKey: "spend-longer", now });
    const after = await monthlySpendOf(db(), s.acct, 1, now);
    // 7.910764 for the upgrade; 3 months of the medium size less 5 %: 71.25
    expect(after[0]!.cashPaid - before[0]!.cashPaid).toBe(7_910_764n + 71_250_000n);
    expect(await spendFromCharges(db(), s.acct, 1, now)).toEqual(after);
    expect(await verifyMonthlySpend(db(), s.acct)).toEqual([]);
    expect(await verifyDailyCosts(db(), s.acct)).toEqual([]);
  });

  it("auto-renew turns off and on at any time, audited; off, the term is not renewed", async () => {
    const s = await subscribed(dollars(100));
    const now = new Date("2046-01-25T13:17:00Z");
    await setAutoRenew(db(), { accountId: s.acct, resourceId: s.id, autoRenew: false, actor: system, now });
    await setAutoRenew(db(), { accountId: s.acct, resourceId: s.id, autoRenew: false, actor: system, now }); // unchanged: not audited again
    const rows = await db().select().from(auditLog).where(and(eq(auditLog.accountId, s.acct), eq(auditLog.action, "subscription.auto_renew")));
    expect(rows.map((r) => r.data)).toEqual([{ name: expect.any(String), before: true, after: false }]);
    await subscriptionsJob(db(), { now: new Date(EXPIRY.getTime() + 60_000), accountIds: [s.acct] });
    expect((await s.res()).status).not.toBe("running");
    expect(await s.balance()).toBe(dollars(90));
  });

  it("every change is an order in the orders CSV", async () => {
    const s = await subscribed(dollars(100));
    const now = new Date("2046-01-25T13:17:00Z");
    const up = await changeSubscription(db(), { accountId: s.acct, resourceId: s.id, productId: "chg.m", actor: system, idempotencyKey: "csv-up", now });
    const lines: string[] = [];
    for await (const l of ordersCsvLines(db(), { accountId: s.acct, locale: "en", typeLabel: (t) => t, creatorName: () => "" })) lines.push(l);
    expect(lines.find((l) => l.startsWith(up.order.orderNo))).toContain(",upgrade,Change medium,");
    expect(lines.find((l) => l.startsWith(up.order.orderNo))).toContain(",7.910764,");
  });

  it("the reminders say whether the subscription renews by itself, in both languages", async () => {
    const on = await subscribed(dollars(100));
    const off = await subscribed(dollars(100));
    await setAutoRenew(db(), { accountId: off.acct, resourceId: off.id, autoRenew: false, actor: system, now: START });
    const at = new Date(EXPIRY.getTime() - 6 * 24 * 3_600_000); // the 7-day step
    await subscriptionsJob(db(), { now: at, accountIds: [on.acct, off.acct] });
    const texts = async (acct: string) => {
      const rows = await db().select().from(emailOutbox).where(and(eq(emailOutbox.accountId, acct), eq(emailOutbox.template, "subscription-reminder")));
      const [row] = rows;
      expect(rows).toHaveLength(2); // admin and finance
      const props = row!.props as Parameters<typeof renderEmail<"subscription-reminder">>[2];
      return Promise.all((["en", "zh-CN"] as const).map(async (l) => (await renderEmail("subscription-reminder", l, props)).text));
    };
    const [onEn, onZh] = await texts(on.acct);
    expect(onEn).toContain("Auto-renew is on: it renews by itself at expiry for $10.00");
    expect(onZh).toContain("自动续费已开启：到期时将自动续费");
    const [offEn, offZh] = await texts(off.acct);
    expect(offEn).toContain("Auto-renew is off: it expires then unless you renew it");
    expect(offZh).not.toContain("自动续费已开启");
  });
});
