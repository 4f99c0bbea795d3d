import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { activateResource } from "@/lib/billing/activate";
import { releaseResource } from "@/lib/billing/release";
import { runBilling } from "@/lib/billing/run";
import { monthlySpendOf, rebuildMonthlySpend, verifyMonthlySpend } from "@/lib/billing/spend";
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
    await rebuildMonthlySpend(db());
    expect(await verifyMonthlySpend(db(), acct)).toEqual([]);
    expect((await monthlySpendOf(db(), acct, 2, new Date("2025-07-02T00:00:00Z"))).map((m) => [m.month, m.gross])).toEqual([["2025-06", 180_000n], ["2025-07", 0n]]);
  });
});
