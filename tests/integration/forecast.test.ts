import { beforeAll, describe, expect, it } from "vitest";
import { activateResource } from "@/lib/billing/activate";
import { monthForecast } from "@/lib/billing/forecast";
import { runBilling } from "@/lib/billing/run";
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
const t = (iso: string) => new Date(iso);

beforeAll(async () => ensureCatalogue(db()));

async function funded() {
  const acct = await createAccount(db());
  await topUp(db(), { accountId: acct, amount: dollars(5000), provider: "test", idempotencyKey: key("topup"), actor: system });
  return acct;
}

async function billUntil(acct: string, iso: string) {
  await atTime(t(iso), () => runBilling(db(), { until: t(iso), accountIds: [acct] }));
}

/** Bills as the hourly job does, in steps: a day's cost is what was charged on that day, as invoices count it. */
async function billDaily(acct: string, fromIso: string, toIso: string) {
  for (let at = t(fromIso).getTime(); at <= t(toIso).getTime(); at += 86_400_000) await billUntil(acct, new Date(at).toISOString());
}

describe("the month-end forecast", () => {
  it("is month to date, plus the trailing 7 days' pay-as-you-go rate for the time left, plus the auto-renewals due this month", async () => {
    const acct = await funded();
    // From Sep 1: one hourly resource at $0.06 (10 % off) tagged team:ml, and from Sep 8 a second at $0.06 without tags.
    await setAccountDiscount(db(), { accountId: acct, productId: "test.hourly", rateBps: 1000, reason: "test", actor: system });
    await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, tags: { team: "ml" }, actor: system, idempotencyKey: key("a"), now: t("2026-09-01T00:00:00Z") });
    await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("b"), now: t("2026-09-08T00:00:00Z") });
    // A one-month subscription bought on Aug 20 with auto-renew: it renews on Sep 20, at $10.
    await purchaseSubscription(db(), { accountId: acct, productId: "test.sub", quantity: 1, termMonths: 1, autoRenew: true, tags: { team: "ml" }, actor: system, idempotencyKey: key("s"), now: t("2026-08-20T00:00:00Z") });
    await billDaily(acct, "2026-09-02T00:00:00Z", "2026-09-15T00:00:00Z");
    await billUntil(acct, "2026-09-15T12:00:00Z");

    const now = t("2026-09-15T12:00:00Z");
    const f = await monthForecast(db(), { accountId: acct, now });
    expect(f.month).toBe("2026-09");
    // To date: 14.5 days × 24 h of the first ($0.06 × 348 h) and 7.5 days of the second ($0.06 × 180 h).
    expect(f.monthToDate).toEqual({ gross: 60_000n * 528n, net: 54_000n * 528n });
    // Charged on Sep 8-14, the 7 full days before today: Sep 7's 24 h of the first (billed on the 8th), then 48 h a day: 312 h.
    expect(f.dailyRate).toEqual({ gross: (60_000n * 312n) / 7n, net: (54_000n * 312n) / 7n });
    // 15.5 days left (to Oct 1) at that rate, rounded down to the micro-dollar once.
    expect(f.restOfMonth).toEqual({ gross: (60_000n * 312n * 31n) / 14n, net: (54_000n * 312n * 31n) / 14n });
    expect(f.renewals).toEqual({ gross: dollars(10), net: dollars(10) });
    expect(f.forecast.net).toBe(f.monthToDate.net + f.restOfMonth.net + dollars(10));

    // Scoped to team:ml: only the first resource and the subscription.
    const ml = await monthForecast(db(), { accountId: acct, now, scope: { tag: { key: "team", value: "ml" } } });
    expect(ml.monthToDate.gross).toBe(60_000n * 348n);
    expect(ml.dailyRate.gross).toBe(1_440_000n);
    expect(ml.renewals.gross).toBe(dollars(10));
    const web = await monthForecast(db(), { accountId: acct, now, scope: { tag: { key: "team", value: "web" } } });
    expect(web.forecast).toEqual({ gross: 0n, net: 0n });
    // Scoped to the subscription's product: no pay-as-you-go rate.
    const sub = await monthForecast(db(), { accountId: acct, now, scope: { productId: "test.sub" } });
    expect(sub.dailyRate.gross).toBe(0n);
    expect(sub.forecast.gross).toBe(dollars(10));
  });

  it("leaves out subscriptions that do not renew or end after the month, and never reads another account", async () => {
    const acct = await funded();
    const other = await funded();
    await purchaseSubscription(db(), { accountId: acct, productId: "test.sub", quantity: 1, termMonths: 1, autoRenew: false, actor: system, idempotencyKey: key("s1"), now: t("2026-08-20T00:00:00Z") });
    await purchaseSubscription(db(), { accountId: acct, productId: "test.sub", quantity: 1, termMonths: 3, autoRenew: true, actor: system, idempotencyKey: key("s3"), now: t("2026-08-20T00:00:00Z") });
    await activateResource(db(), { accountId: other, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("o"), now: t("2026-09-01T00:00:00Z") });
    await billUntil(other, "2026-09-15T12:00:00Z");
    const f = await monthForecast(db(), { accountId: acct, now: t("2026-09-15T12:00:00Z") });
    expect(f.forecast).toEqual({ gross: 0n, net: 0n });
  });
});
