import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { countOrders } from "@/db/queries/billing";
import { charges } from "@/db/schema";
import { activateResource } from "@/lib/billing/activate";
import { runBilling } from "@/lib/billing/run";
import { purchaseSubscription } from "@/lib/billing/subscribe";
import { recordUsage } from "@/lib/billing/usage";
import { topUp, verifyLedger } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount, key, system } from "../fixtures/ledger";

const handle = useTestDb();
const db = () => handle().db;
beforeAll(async () => ensureCatalogue(db()));

async function funded(amount: bigint) {
  const acct = await createAccount(db());
  await topUp(db(), { accountId: acct, amount, provider: "test", idempotencyKey: key("topup"), actor: system });
  return acct;
}

describe("subscriptions", () => {
  it("are refused when available funds do not cover the term, changing nothing", async () => {
    const acct = await funded(dollars(200));
    // 10 USD × 2 × 12 = 240, less 15 % = 204: more than the 200 available.
    await expect(
      purchaseSubscription(db(), { accountId: acct, productId: "test.sub", quantity: 2, termMonths: 12, autoRenew: true, actor: system, idempotencyKey: key("sub"), now: new Date("2024-01-31T09:00:00Z") }),
    ).rejects.toMatchObject({ code: "INSUFFICIENT_FUNDS" });
    expect(await countOrders(db(), { accountId: acct })).toBe(0);
    expect((await getBalances(db(), { accountId: acct })).balance).toBe(dollars(200));
  });

  it("are paid up front with the term discount and end on the same day months later (clamped)", async () => {
    const acct = await funded(dollars(300));
    const k = key("sub");
    const input = { accountId: acct, productId: "test.sub", quantity: 2, termMonths: 1 as const, autoRenew: true, actor: system, idempotencyKey: k, now: new Date("2024-01-31T09:00:00Z") };
    const { resource, order } = await purchaseSubscription(db(), input);
    expect((await purchaseSubscription(db(), input)).replayed).toBe(true);
    expect(resource.expiresAt!.toISOString()).toBe("2024-02-29T09:00:00.000Z");
    expect([order.gross, order.discount, order.net]).toEqual([dollars(20), 0n, dollars(20)]);
    const three = await purchaseSubscription(db(), { ...input, termMonths: 3, quantity: 1, idempotencyKey: key("sub3") });
    expect([three.order.gross, three.order.discount, three.order.net]).toEqual([dollars(30), 1_500_000n, 28_500_000n]);
    expect((await getBalances(db(), { accountId: acct })).balance).toBe(dollars(300) - dollars(20) - 28_500_000n);
    expect((await verifyLedger(db())).ok).toBe(true);
  });
});

describe("metered usage", () => {
  it("counts an event once and charges it with the increment it falls in", async () => {
    const acct = await funded(dollars(10));
    const { resource } = await activateResource(db(), { accountId: acct, productId: "oss.standard.gb", quantity: 1, actor: system, idempotencyKey: key("oss"), now: new Date("2025-06-01T00:00:00Z") });
    const event = { accountId: acct, eventId: "ev-1", resourceId: resource.id, quantity: 1000, occurredAt: new Date("2025-06-01T05:00:00Z") };
    expect((await recordUsage(db(), event)).replayed).toBe(false);
    expect((await recordUsage(db(), event)).replayed).toBe(true);
    await expect(recordUsage(db(), { ...event, quantity: 2 })).rejects.toMatchObject({ code: "IDEMPOTENCY_CONFLICT" });
    await recordUsage(db(), { ...event, eventId: "ev-2", quantity: 500, occurredAt: new Date("2025-06-02T01:00:00Z") });
    await runBilling(db(), { until: new Date("2025-06-03T00:00:00Z"), accountIds: [acct] });
    const list = await db().select().from(charges).where(eq(charges.resourceId, resource.id)).orderBy(charges.periodStart);
    // 0.00075 USD per GB-day.
    expect(list.map((c) => [c.quantity, c.gross])).toEqual([[1000n, 750_000n], [500n, 375_000n]]);
  });
});
