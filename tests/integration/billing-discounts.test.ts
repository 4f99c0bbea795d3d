import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accountDiscounts, auditLog, charges } from "@/db/schema";
import { activateResource } from "@/lib/billing/activate";
import { listAccountDiscounts, setAccountDiscount } from "@/lib/billing/discounts";
import { runBilling } from "@/lib/billing/run";
import { topUp } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount, key, system } from "../fixtures/ledger";

const handle = useTestDb();
const db = () => handle().db;
const staff = { kind: "staff" as const, userId: null, ip: "203.0.113.9" };
const T0 = new Date("2025-06-01T00:00:00Z"); // midnight: the daily increment is a whole day
const at = (h: number) => new Date(T0.getTime() + h * 3_600_000);

beforeAll(async () => ensureCatalogue(db()));

async function funded() {
  const acct = await createAccount(db());
  await topUp(db(), { accountId: acct, amount: dollars(100), provider: "test", idempotencyKey: key("topup"), actor: system });
  return acct;
}

async function grossAndDiscount(resourceId: string) {
  return (await db().select().from(charges).where(eq(charges.resourceId, resourceId)).orderBy(charges.periodStart)).map((c) => [c.gross, c.discount]);
}

describe("per-account discount rates set by staff", () => {
  it("apply to the increments charged after the change, product rate before account-wide rate", async () => {
    const acct = await funded();
    const a = await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("a"), now: T0 });
    const b = await activateResource(db(), { accountId: acct, productId: "test.daily", quantity: 1, actor: system, idempotencyKey: key("b"), now: T0 });
    await runBilling(db(), { until: at(1), accountIds: [acct] }); // one hour at list price

    await setAccountDiscount(db(), { accountId: acct, productId: null, rateBps: 1000, reason: "Enterprise agreement", actor: staff });
    await setAccountDiscount(db(), { accountId: acct, productId: "test.hourly", rateBps: 2500, reason: "Compute commitment", actor: staff });
    await runBilling(db(), { until: at(24), accountIds: [acct] });

    const hourly = await grossAndDiscount(a.resource.id);
    expect(hourly[0]).toEqual([60_000n, 0n]); // charged before the change: keeps list price
    expect(hourly.slice(1).every(([g, d]) => g === 60_000n && d === 15_000n)).toBe(true); // 25%: the product's own rate
    expect(await grossAndDiscount(b.resource.id)).toEqual([[2_400_000n, 240_000n]]); // 10%: the account-wide rate
    expect((await listAccountDiscounts(db(), acct)).map((r) => [r.productId, r.rateBps])).toEqual([[null, 1000], ["test.hourly", 2500]]);
  });

  it("records each change in the audit log with the rate before and after and the reason; 0 removes the rate", async () => {
    const acct = await funded();
    expect(await setAccountDiscount(db(), { accountId: acct, productId: "test.daily", rateBps: 500, reason: "Pilot", actor: staff })).toEqual({ productId: "test.daily", before: 0, after: 500 });
    expect(await setAccountDiscount(db(), { accountId: acct, productId: "test.daily", rateBps: 750, reason: "Pilot extended", actor: staff })).toEqual({ productId: "test.daily", before: 500, after: 750 });
    expect(await setAccountDiscount(db(), { accountId: acct, productId: "test.daily", rateBps: 0, reason: "Pilot over", actor: staff })).toEqual({ productId: "test.daily", before: 750, after: 0 });
    expect(await db().select().from(accountDiscounts).where(eq(accountDiscounts.accountId, acct))).toEqual([]);
    const records = await db().select().from(auditLog).where(and(eq(auditLog.accountId, acct), eq(auditLog.action, "billing.discount.set"))).orderBy(desc(auditLog.id));
    expect(records.map((r) => [r.reason, r.data])).toEqual([
      ["Pilot over", { productId: "test.daily", beforeBps: 750, afterBps: 0 }],
      ["Pilot extended", { productId: "test.daily", beforeBps: 500, afterBps: 750 }],
      ["Pilot", { productId: "test.daily", beforeBps: 0, afterBps: 500 }],
    ]);
    expect(records.every((r) => r.actorKind === "staff" && r.ip === "203.0.113.9")).toBe(true);
  });

  it("refuses bad input clearly and changes nothing", async () => {
    const acct = await funded();
    await expect(setAccountDiscount(db(), { accountId: acct, productId: null, rateBps: 500, reason: "  ", actor: staff })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(setAccountDiscount(db(), { accountId: acct, productId: null, rateBps: 10_001, reason: "Too much", actor: staff })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(setAccountDiscount(db(), { accountId: acct, productId: "no.such.product", rateBps: 500, reason: "Typo", actor: staff })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(setAccountDiscount(db(), { accountId: "0a1c0000-0000-4000-8000-00000000dead", productId: null, rateBps: 500, reason: "Nobody", actor: staff })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listAccountDiscounts(db(), acct)).toEqual([]);
    expect(await db().select().from(auditLog).where(and(eq(auditLog.accountId, acct), eq(auditLog.action, "billing.discount.set")))).toEqual([]);
  });
});
