import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { activateResource } from "@/lib/billing/activate";
import { releaseResource } from "@/lib/billing/release";
import { runBilling } from "@/lib/billing/run";
import { monthlySpendOf, rebuildSpendRollups, verifyDailyCosts, verifyMonthlySpend } from "@/lib/billing/spend";
import { verifyLedger } from "@/lib/ledger/verify";
import { rowsOf } from "@/db/rows";
import { sql } from "drizzle-orm";
import { purchaseSubscription } from "@/lib/billing/subscribe";
import { setAccountDiscount } from "@/lib/billing/discounts";
import { atTime } from "@/lib/clock";
import { topUp } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount, key, system } from "../fixtures/ledger";

const handle = useTestDb();
const db = () => handle().db;

beforeAll(async () => ensureCatalogue(db()));
afterEach(() => {
  delete process.env.PLATFORM_TIME_ZONE;
});

async function funded() {
  const acct = await createAccount(db());
  await topUp(db(), { accountId: acct, amount: dollars(1000), provider: "test", idempotencyKey: key("topup"), actor: system });
  return acct;
}

describe("the monthly spend rollup", () => {
  it("sums each month's charges and subscription orders by the month they were recorded in (as invoices do), with zeros for quiet months", async () => {
    const acct = await funded();
    await setAccountDiscount(db(), { accountId: acct, productId: "test.hourly", rateBps: 1000, reason: "test", actor: system });
    // 22:00 on May 31 to 02:00 on June 1: the run at 23:59 charges one hour in May; the rest is charged in June.
    const t = (iso: string) => new Date(iso);
    const { resource } = await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("a"), now: t("2025-05-31T22:00:00Z") });
    await atTime(t("2025-05-31T23:59:00Z"), () => runBilling(db(), { until: t("2025-05-31T23:59:00Z"), accountIds: [acct] }));
    await atTime(t("2025-06-01T02:00:00Z"), () => runBilling(db(), { until: t("2025-06-01T02:00:00Z"), accountIds: [acct] }));
    await atTime(t("2025-06-01T02:00:00Z"), () => releaseResource(db(), { accountId: acct, resourceId: resource.id, actor: system, now: t("2025-06-01T02:00:00Z") }));
    await purchaseSubscription(db(), { accountId: acct, productId: "test.sub", quantity: 1, termMonths: 3, autoRenew: false, actor: system, idempotencyKey: key("s"), now: new Date("2025-08-10T09:00:00Z") });

    const months = await monthlySpendOf(db(), acct, 6, new Date("2025-08-20T00:00:00Z"));
    expect(months.map((m) => m.month)).toEqual(["2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08"]);
    // $0.06 an hour less 10%: one hour recorded in May, three in June.
    expect(months[2]).toEqual({ month: "2025-05", gross: 60_000n, discount: 6_000n, voucherPaid: 0n, cashPaid: 54_000n });
    expect(months[3]).toEqual({ month: "2025-06", gross: 180_000n, discount: 18_000n, voucherPaid: 0n, cashPaid: 162_000n });
    expect(months[4]).toEqual({ month: "2025-07", gross: 0n, discount: 0n, voucherPaid: 0n, cashPaid: 0n });
    // Three months at $10 less the 5% term discount, paid up front in August.
    expect(months[5]).toEqual({ month: "2025-08", gross: dollars(30), discount: 1_500_000n, voucherPaid: 0n, cashPaid: 28_500_000n });
    expect(await verifyMonthlySpend(db(), acct)).toEqual([]);
  });

  it("places months in the platform time zone, and a rebuild after changing it agrees with the charges", async () => {
    process.env.PLATFORM_TIME_ZONE = "Asia/Shanghai";
    const acct = await funded();
    // 16:00 UTC on June 30 is midnight on July 1 in Shanghai: one run before it, one after.
    await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("a"), now: new Date("2025-06-30T14:00:00Z") });
    await atTime(new Date("2025-06-30T15:30:00Z"), () => runBilling(db(), { until: new Date("2025-06-30T15:30:00Z"), accountIds: [acct] }));
    await atTime(new Date("2025-06-30T17:00:00Z"), () => runBilling(db(), { until: new Date("2025-06-30T17:00:00Z"), accountIds: [acct] }));
    const shanghai = await monthlySpendOf(db(), acct, 2, new Date("2025-07-02T00:00:00Z"));
    expect(shanghai.map((m) => [m.month, m.gross])).toEqual([["2025-06", 60_000n], ["2025-07", 120_000n]]);
    expect(await verifyMonthlySpend(db(), acct)).toEqual([]);

    process.env.PLATFORM_TIME_ZONE = "UTC";
    expect(await verifyMonthlySpend(db(), acct)).toEqual([{ accountId: acct, month: "2025-06-01" }, { accountId: acct, month: "2025-07-01" }]);
    await rebuildSpendRollups(db());
    expect(await verifyMonthlySpend(db(), acct)).toEqual([]);
    expect((await monthlySpendOf(db(), acct, 2, new Date("2025-07-02T00:00:00Z"))).map((m) => [m.month, m.gross])).toEqual([["2025-06", 180_000n], ["2025-07", 0n]]);
  });
});

describe("the daily costs rollup", () => {
  const dayRows = (acct: string) =>
    rowsOf(db(), sql`select day::text, product_id, resource_id::text, tags, gross::text, cash_paid::text, items from daily_costs where account_id = ${acct}::uuid order by day, product_id, tags::text`);

  it("sums charges and subscription orders per day, resource and the tags they were charged with; a month of days equals its monthly_spend row", async () => {
    const acct = await funded();
    const t = (iso: string) => new Date(iso);
    const { resource } = await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, tags: { team: "ml", env: "prod" }, actor: system, idempotencyKey: key("a"), now: t("2025-05-31T22:00:00Z") });
    expect(resource.tags).toEqual({ env: "prod", team: "ml" });
    await atTime(t("2025-05-31T23:59:00Z"), () => runBilling(db(), { until: t("2025-05-31T23:59:00Z"), accountIds: [acct] }));
    // Renamed tag mid-history: what was charged before keeps the old value.
    await db().execute(sql`update resources set tags = '{"team":"research"}'::jsonb where id = ${resource.id}::uuid`);
    await atTime(t("2025-06-01T02:00:00Z"), () => runBilling(db(), { until: t("2025-06-01T02:00:00Z"), accountIds: [acct] }));
    await purchaseSubscription(db(), { accountId: acct, productId: "test.sub", quantity: 1, termMonths: 1, autoRenew: false, tags: { team: "ml" }, actor: system, idempotencyKey: key("s"), now: t("2025-06-01T09:00:00Z") });

    expect(await dayRows(acct)).toEqual([
      { day: "2025-05-31", product_id: "test.hourly", resource_id: resource.id, tags: { env: "prod", team: "ml" }, gross: "60000", cash_paid: "60000", items: 1 },
      { day: "2025-06-01", product_id: "test.hourly", resource_id: resource.id, tags: { team: "research" }, gross: "180000", cash_paid: "180000", items: 3 },
      { day: "2025-06-01", product_id: "test.sub", resource_id: expect.any(String), tags: { team: "ml" }, gross: "10000000", cash_paid: "10000000", items: 1 },
    ]);
    const charged = await rowsOf(db(), sql`select tags from charges where resource_id = ${resource.id}::uuid order by period_start`);
    expect(charged.map((c) => c.tags)).toEqual([{ env: "prod", team: "ml" }, { team: "research" }, { team: "research" }, { team: "research" }]);
    expect(await verifyDailyCosts(db(), acct)).toEqual([]);
    const june = (await monthlySpendOf(db(), acct, 1, t("2025-06-15T00:00:00Z")))[0]!;
    expect(june.gross).toBe(180_000n + dollars(10));
  });

  it("verify names a day that no longer matches its charges, and the rebuild restores it", async () => {
    const acct = await funded();
    await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("a"), now: new Date("2025-03-01T00:00:00Z") });
    await atTime(new Date("2025-03-01T05:00:00Z"), () => runBilling(db(), { until: new Date("2025-03-01T05:00:00Z"), accountIds: [acct] }));
    await db().execute(sql`update daily_costs set gross = gross + 1, discount = discount + 1 where account_id = ${acct}::uuid`);
    expect(await verifyDailyCosts(db(), acct)).toEqual([{ accountId: acct, day: "2025-03-01" }]);
    // ledger:verify reports it (other files' accounts may share a PostgreSQL database: only this one is asserted).
    const dailyCheck = async () => (await verifyLedger(db(), { rollups: true })).checks.find((c) => c.name === "daily-costs")!;
    expect((await dailyCheck()).samples).toContain(`${acct} 2025-03-01: day differs from its charges and orders (npm run costs:rebuild)`);
    await rebuildSpendRollups(db());
    expect(await verifyDailyCosts(db(), acct)).toEqual([]);
    expect((await dailyCheck()).samples.filter((s) => s.startsWith(acct))).toEqual([]);
  });

  it("refuses tags that break the rules and changes nothing", async () => {
    const acct = await funded();
    const bad: Record<string, string>[] = [
      Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, "v"])),
      { ["k".repeat(65)]: "v" },
      { team: "v".repeat(129) },
      { "te\u0007am": "ml" },
      { team: "m\nl" },
      { " team": "ml" },
    ];
    for (const tags of bad) {
      await expect(activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, tags, actor: system, idempotencyKey: key("bad"), now: new Date("2025-03-01T00:00:00Z") })).rejects.toMatchObject({ code: "VALIDATION" });
    }
    expect(await rowsOf(db(), sql`select id from resources where account_id = ${acct}::uuid`)).toEqual([]);
  });
});
