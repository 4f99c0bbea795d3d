import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { countOrders, getResource, listOrders, listResources } from "@/db/queries/billing";
import { accountDiscounts, charges, promotions, resources, vouchers } from "@/db/schema";
import { activateResource } from "@/lib/billing/activate";
import { releaseResource } from "@/lib/billing/release";
import { runBilling } from "@/lib/billing/run";
import { chargeUsage, post, topUp, verifyLedger } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount, key, system } from "../fixtures/ledger";

const handle = useTestDb();
const db = () => handle().db;
const T0 = new Date("2025-06-01T10:20:00Z");
const at = (h: number) => new Date(T0.getTime() + h * 3_600_000);

beforeAll(async () => ensureCatalogue(db()));

async function funded(amount = dollars(10)) {
  const acct = await createAccount(db());
  await topUp(db(), { accountId: acct, amount, provider: "test", idempotencyKey: key("topup"), actor: system });
  return acct;
}

async function chargesOf(resourceId: string) {
  return db().select().from(charges).where(eq(charges.resourceId, resourceId)).orderBy(charges.periodStart);
}

describe("activation and release", () => {
  it("refuses an activation that available funds cannot cover, changing nothing", async () => {
    const acct = await funded(50_000n);
    await expect(activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("a"), now: T0 })).rejects.toMatchObject({ code: "INSUFFICIENT_FUNDS" });
    expect(await listResources(db(), { accountId: acct })).toEqual([]);
    expect(await countOrders(db(), { accountId: acct })).toBe(0);
    expect(await getBalances(db(), { accountId: acct })).toMatchObject({ balance: 50_000n, frozen: 0n });
  });

  it("holds one increment, charges each increment once, and gives the hold back on release", async () => {
    const acct = await funded();
    const k = key("a");
    const { resource, order } = await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 2, actor: system, idempotencyKey: k, now: T0 });
    expect(order.orderNo).toMatch(/^ORD\d{10}$/);
    expect((await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 2, actor: system, idempotencyKey: k, now: T0 })).resource.id).toBe(resource.id);
    expect(await getBalances(db(), { accountId: acct })).toMatchObject({ balance: dollars(10) - 120_000n, frozen: 120_000n });

    await runBilling(db(), { until: at(2.5), accountIds: [acct] });
    await runBilling(db(), { until: at(2.5), accountIds: [acct] }); // a rerun changes nothing
    const list = await chargesOf(resource.id);
    // 10:20–11:00 pro-rated (40 of 60 minutes), then 11:00–12:00 in full; 12:00–13:00 is not over yet.
    expect(list.map((c) => c.gross)).toEqual([80_000n, 120_000n]);
    expect(await getBalances(db(), { accountId: acct })).toMatchObject({ balance: dollars(10) - 120_000n - 200_000n, frozen: 120_000n });

    await releaseResource(db(), { accountId: acct, resourceId: resource.id, actor: system, now: at(2.6) });
    expect((await chargesOf(resource.id)).map((c) => c.gross)).toEqual([80_000n, 120_000n, 120_000n]); // the last increment in full
    expect(await getBalances(db(), { accountId: acct })).toEqual({ available: dollars(10) - 320_000n, balance: dollars(10) - 320_000n, creditLimit: 0n, frozen: 0n });
    expect((await getResource(db(), { accountId: acct, resourceId: resource.id }))!.resource.status).toBe("released");
    await runBilling(db(), { until: at(10), accountIds: [acct] });
    expect(await chargesOf(resource.id)).toHaveLength(3);
    const orders = await listOrders(db(), { accountId: acct, limit: 10, offset: 0 });
    expect(orders.map((o) => o.order.type).sort()).toEqual(["activation", "release"]);
    expect((await verifyLedger(db())).ok).toBe(true);
  });

  it("treats another account's resource as not found", async () => {
    const a = await funded();
    const b = await funded();
    const { resource } = await activateResource(db(), { accountId: a, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("a"), now: T0 });
    await expect(releaseResource(db(), { accountId: b, resourceId: resource.id, actor: system, now: at(1) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getResource(db(), { accountId: b, resourceId: resource.id })).toBeNull();
  });

  it("offsets the hold against what is owed when the balance went negative", async () => {
    const acct = await funded(60_000n);
    const { resource } = await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("a"), now: T0 });
    await chargeUsage(db(), { accountId: acct, amount: 100_000n, idempotencyKey: key("usage"), actor: system });
    await releaseResource(db(), { accountId: acct, resourceId: resource.id, actor: system, now: at(0.5) });
    expect(await getBalances(db(), { accountId: acct })).toMatchObject({ balance: 60_000n - 100_000n - 40_000n, frozen: 0n });
  });
});

describe("charging a cycle", () => {
  it("accrues sub-cent amounts and deducts them once they reach a cent", async () => {
    const acct = await funded();
    const { resource } = await activateResource(db(), { accountId: acct, productId: "test.cheap", quantity: 1, actor: system, idempotencyKey: key("a"), now: new Date("2025-06-01T10:00:00Z") });
    const after = (h: number) => new Date(Date.UTC(2025, 5, 1, 10 + h));
    await runBilling(db(), { until: after(2), accountIds: [acct] }); // 2 × 3,333 = 6,666: below a cent
    expect((await getBalances(db(), { accountId: acct })).balance).toBe(dollars(10) - 3_333n);
    await runBilling(db(), { until: after(3), accountIds: [acct] }); // 9,999
    expect((await getBalances(db(), { accountId: acct })).balance).toBe(dollars(10) - 3_333n);
    await runBilling(db(), { until: after(4), accountIds: [acct] }); // 13,332: one cent deducted, 3,332 carried
    expect((await getBalances(db(), { accountId: acct })).balance).toBe(dollars(10) - 3_333n - 10_000n);
    expect(await chargesOf(resource.id)).toHaveLength(4);
  });

  it("applies the better of account discount and promotion, then vouchers for the product, earliest expiry first", async () => {
    const acct = await funded();
    const code = `PROMO${crypto.randomUUID().slice(0, 6)}`;
    await db().insert(promotions).values({ code, description: "test", discountBps: 2000, validFrom: new Date("2025-01-01Z"), validUntil: new Date("2026-01-01Z") });
    await db().insert(accountDiscounts).values({ accountId: acct, productId: null, rateBps: 1000, reason: "test" });
    const v = async (amount: bigint, until: string, productIds: string[]) => {
      const [row] = await db().insert(vouchers).values({ codeHash: key("v"), accountId: acct, faceValue: amount, productIds, validFrom: new Date("2025-01-01Z"), validUntil: new Date(until) }).returning();
      await post(db(), { idempotencyKey: key("issue"), accountId: acct, type: "voucher_issue", description: "issue", entries: [{ account: { kind: "voucher", ref: row!.id }, amount }, { account: { kind: "voucher_issuance" }, amount: -amount }], actor: system, audit: { action: "test.voucher" } });
      return row!.id;
    };
    const late = await v(100_000n, "2025-12-01Z", ["test.hourly"]);
    const early = await v(30_000n, "2025-07-01Z", []);
    const other = await v(500_000n, "2025-06-15Z", ["test.daily"]);
    const { resource } = await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("a"), promotionCode: code, now: new Date("2025-06-01T10:00:00Z") });
    await runBilling(db(), { until: new Date("2025-06-01T13:00:00Z"), accountIds: [acct] });
    const list = await chargesOf(resource.id);
    // 60,000 gross, 20 % promotion beats the 10 % account rate: 48,000 net each hour.
    expect(list.map((c) => [c.gross, c.discount, c.voucherPaid, c.cashPart])).toEqual([
      [60_000n, 12_000n, 48_000n, 0n], // 30,000 from the early voucher, 18,000 from the late one
      [60_000n, 12_000n, 48_000n, 0n],
      [60_000n, 12_000n, 34_000n, 14_000n], // the late voucher runs out
    ]);
    const [r] = await db().select().from(resources).where(and(eq(resources.id, resource.id)));
    expect(r!.billedUntil.toISOString()).toBe("2025-06-01T13:00:00.000Z");
    void early; void late; void other;
    expect((await verifyLedger(db())).ok).toBe(true);
  });

  it("a voucher pays only increments that end by its expiry: not the hour it lapses in", async () => {
    const acct = await funded();
    const [row] = await db().insert(vouchers).values({ codeHash: key("v"), accountId: acct, faceValue: 1_000_000n, productIds: [], validFrom: new Date("2025-01-01Z"), validUntil: new Date("2025-06-01T11:30:00Z") }).returning();
    await post(db(), { idempotencyKey: key("issue"), accountId: acct, type: "voucher_issue", description: "issue", entries: [{ account: { kind: "voucher", ref: row!.id }, amount: 1_000_000n }, { account: { kind: "voucher_issuance" }, amount: -1_000_000n }], actor: system, audit: { action: "test.voucher" } });
    const { resource } = await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("a"), now: new Date("2025-06-01T10:00:00Z") });
    await runBilling(db(), { until: new Date("2025-06-01T12:00:00Z"), accountIds: [acct] });
    const list = await chargesOf(resource.id);
    // 10:00–11:00 ends before 11:30: the voucher pays. 11:00–12:00 ends after it: cash pays.
    expect(list.map((c) => [c.voucherPaid, c.cashPart])).toEqual([
      [60_000n, 0n],
      [0n, 60_000n],
    ]);
  });
});
