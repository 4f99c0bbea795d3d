import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type CostExplorerData, costExplorer } from "@/lib/billing/cost-explorer";
import { activateResource } from "@/lib/billing/activate";
import { parseCostView } from "@/lib/billing/cost-view";
import { setAccountDiscount } from "@/lib/billing/discounts";
import { runBilling } from "@/lib/billing/run";
import { verifyDailyCosts } from "@/lib/billing/spend";
import { purchaseSubscription } from "@/lib/billing/subscribe";
import { atTime } from "@/lib/clock";
import { computeInvoiceFigures } from "@/lib/invoices/compute";
import { periodOf } from "@/lib/invoices/period";
import { topUp } from "@/lib/ledger";
import { dollars, roundHalfEvenToCents } from "@/lib/money";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount, key, system } from "../fixtures/ledger";

const handle = useTestDb();
const db = () => handle().db;
const t = (iso: string) => new Date(iso);
const H = 3_600_000;

beforeAll(async () => ensureCatalogue(db()));
afterEach(() => {
  delete process.env.PLATFORM_TIME_ZONE;
});

async function funded() {
  const acct = await createAccount(db());
  await topUp(db(), { accountId: acct, amount: dollars(20_000), provider: "test", idempotencyKey: key("topup"), actor: system });
  return acct;
}

const bill = (acct: string, at: Date) => atTime(at, () => runBilling(db(), { until: at, accountIds: [acct] }));
const view = (acct: string, q: Record<string, string>, now: Date) => costExplorer(db(), { accountId: acct, view: parseCostView(q, now).view });
/** Each group's total of the view's amount, by key (Other as "Other", untagged as "(none)"). */
const totals = (d: CostExplorerData, amount: "gross" | "net" = "net") => Object.fromEntries(d.groups.map((g) => [g.other ? "Other" : (g.key ?? "(none)"), g.total[amount]]));
const cell = (d: CostExplorerData, groupKey: string | null, period: string) => d.groups.find((g) => !g.other && g.key === groupKey)?.periods.get(period);

describe("the cost explorer", () => {
  // Shanghai (UTC+8): a day and a month are the platform's, as invoices count them.
  const now = t("2026-05-03T04:00:00Z");
  let acct: string;
  let gpu: string;
  let lb: string;

  beforeAll(async () => {
    process.env.PLATFORM_TIME_ZONE = "Asia/Shanghai";
    acct = await funded();
    const other = await funded();
    await setAccountDiscount(db(), { accountId: acct, productId: "slb.standard", rateBps: 1000, reason: "test", actor: system });
    // Mar 31 22:00 Shanghai: a GPU instance for team ml ($1.45 an hour).
    gpu = (await activateResource(db(), { accountId: acct, productId: "gpu.a10.xlarge", quantity: 1, tags: { team: "ml" }, actor: system, idempotencyKey: key("gpu"), now: t("2026-03-31T14:00:00Z") })).resource.id;
    // Apr 1 00:00 Shanghai: bare metal in Los Angeles for team web ($38.40 a day), and a load balancer there without tags, 10 % off.
    await activateResource(db(), { accountId: acct, productId: "bms.c6.metal", quantity: 1, tags: { team: "web" }, actor: system, idempotencyKey: key("bms"), now: t("2026-03-31T16:00:00Z") });
    lb = (await activateResource(db(), { accountId: acct, productId: "slb.standard", quantity: 1, actor: system, idempotencyKey: key("slb"), now: t("2026-03-31T16:00:00Z") })).resource.id;
    const subAt = t("2026-04-10T02:00:00Z");
    await atTime(subAt, () => purchaseSubscription(db(), { accountId: acct, productId: "ecs.g7.large.sub", quantity: 1, termMonths: 1, autoRenew: false, tags: { team: "ml" }, actor: system, idempotencyKey: key("sub"), now: subAt }));
    await activateResource(db(), { accountId: other, productId: "bms.c6.metal", quantity: 3, actor: system, idempotencyKey: key("o"), now: t("2026-03-31T16:00:00Z") });
    // Billed at 23:30 Shanghai on Mar 31 (the GPU's first hour is March's), then at 08:30 every day.
    await bill(acct, t("2026-03-31T15:30:00Z"));
    for (let at = t("2026-04-01T00:30:00Z").getTime(); at <= now.getTime(); at += 24 * H) await bill(acct, new Date(at));
    await bill(other, t("2026-04-20T00:30:00Z"));
    expect(await verifyDailyCosts(db(), acct)).toEqual([]);
  }, 120_000);

  it("groups by product per month; a closed month's total is its invoice to the cent, gross and net", async () => {
    const d = await view(acct, { range: "custom", from: "2026-03-01", to: "2026-04-30", by: "month", group: "product", amount: "gross" }, now);
    expect(d.groups.map((g) => g.key)).toEqual(["bms.c6.metal", "gpu.a10.xlarge", "ecs.g7.large.sub", "slb.standard"]);
    // March: the GPU's one hour before midnight in Shanghai.
    expect(cell(d, "gpu.a10.xlarge", "2026-03")).toEqual({ gross: 1_450_000n, net: 1_450_000n });
    const april = await computeInvoiceFigures(db(), acct, periodOf("2026-04"));
    const aprilGross = d.groups.reduce((s, g) => s + (g.periods.get("2026-04")?.gross ?? 0n), 0n);
    const aprilNet = d.groups.reduce((s, g) => s + (g.periods.get("2026-04")?.net ?? 0n), 0n);
    expect(roundHalfEvenToCents(aprilGross)).toBe(april.gross);
    expect(roundHalfEvenToCents(aprilNet)).toBe(april.gross - april.discount);
    expect(april.gross).toBeGreaterThan(dollars(1000));
    // The table's total is the chart's: every group of every period.
    expect(d.total.gross).toBe(aprilGross + 1_450_000n);
    // Net takes the load balancer's 10 % off.
    expect(cell(d, "slb.standard", "2026-04")!.net * 10n).toBe(cell(d, "slb.standard", "2026-04")!.gross * 9n);
    // The other account's triple bare metal is not in it; the products offered are this account's.
    expect(d.products.map((p) => p.id).sort()).toEqual(["bms.c6.metal", "ecs.g7.large.sub", "gpu.a10.xlarge", "slb.standard"]);
  });

  it("answers what bare metal in Los Angeles cost last month, by day, in the platform's days", async () => {
    const d = await view(acct, { range: "last-month", by: "day", product: "bms.c6.metal", region: "us-west-1" }, now);
    expect(d.groups.map((g) => g.key)).toEqual(["bms.c6.metal"]);
    const days = [...d.groups[0]!.periods.keys()].sort();
    // Each Shanghai day's server-day is billed at 08:30 the next day: Apr 2 to Apr 30 carry one each.
    expect(days[0]).toBe("2026-04-02");
    expect(days.at(-1)).toBe("2026-04-30");
    expect(days).toHaveLength(29);
    expect(d.groups[0]!.periods.get("2026-04-15")).toEqual({ gross: 38_400_000n, net: 38_400_000n });
    expect(d.total.gross).toBe(29n * 38_400_000n);
    // The same days in UTC would be others: the filter reads the platform calendar.
    const region = await view(acct, { range: "last-month", by: "day", group: "region" }, now);
    expect(Object.keys(totals(region)).sort()).toEqual(["ap-northeast-1", "ap-southeast-1", "us-west-1"]);
  });

  it("groups by region, billing mode, resource and a tag key, and filters by mode, resource and tag", async () => {
    const q = { range: "custom", from: "2026-04-01", to: "2026-04-30", by: "month" };
    const all = await view(acct, { ...q, group: "product" }, now);
    const byProduct = totals(all, "gross");
    const region = totals(await view(acct, { ...q, group: "region", amount: "gross" }, now), "gross");
    expect(region).toEqual({ "us-west-1": byProduct["bms.c6.metal"]! + byProduct["slb.standard"]!, "ap-northeast-1": byProduct["gpu.a10.xlarge"], "ap-southeast-1": byProduct["ecs.g7.large.sub"] });
    const mode = totals(await view(acct, { ...q, group: "mode", amount: "gross" }, now), "gross");
    expect(mode).toEqual({ payg_daily: byProduct["bms.c6.metal"], payg_hourly: byProduct["gpu.a10.xlarge"]! + byProduct["slb.standard"]!, subscription: byProduct["ecs.g7.large.sub"] });
    const byTag = await view(acct, { ...q, group: "tag:team", amount: "gross" }, now);
    expect(totals(byTag, "gross")).toEqual({ ml: byProduct["gpu.a10.xlarge"]! + byProduct["ecs.g7.large.sub"]!, web: byProduct["bms.c6.metal"], "(none)": byProduct["slb.standard"] });
    expect(all.tagPairs).toEqual([{ key: "team", value: "ml" }, { key: "team", value: "web" }]);
    const ml = await view(acct, { ...q, group: "product", tag: "team:ml" }, now);
    expect(Object.keys(totals(ml)).sort()).toEqual(["ecs.g7.large.sub", "gpu.a10.xlarge"]);
    const hourly = await view(acct, { ...q, group: "resource", mode: "payg_hourly" }, now);
    expect(hourly.groups.map((g) => [g.key, g.name?.startsWith("gpu.a10.xlarge-") || g.name?.startsWith("slb.standard-")])).toEqual([[gpu, true], [lb, true]]);
    const one = await view(acct, { ...q, group: "product", resource: lb, amount: "gross" }, now);
    expect(totals(one, "gross")).toEqual({ "slb.standard": byProduct["slb.standard"] });
    // Net against gross: only the discounted load balancer differs.
    expect(all.total.gross - all.total.net).toBe(byProduct["slb.standard"]! / 10n);
  });

  it("monthly in the platform's months: Shanghai's March ends 8 hours before UTC's", async () => {
    const d = await view(acct, { range: "custom", from: "2026-03-01", to: "2026-03-31", by: "day", group: "product" }, now);
    expect([...d.groups[0]!.periods.keys()]).toEqual(["2026-03-31"]);
    expect(d.total.gross).toBe(1_450_000n);
  });
});

describe("the cost explorer on a large fleet", () => {
  it("shows the top groups by the view's amount and sums the rest as Other, so the totals still add up", async () => {
    const acct = await funded();
    // Six IP addresses, quantities 1..6 ($0.005 an IP-hour each).
    const ids: string[] = [];
    for (let q = 1; q <= 6; q++) {
      ids.push((await activateResource(db(), { accountId: acct, productId: "eip.standard", quantity: q, actor: system, idempotencyKey: key(`eip${q}`), now: t("2026-06-01T00:00:00Z") })).resource.id);
    }
    await bill(acct, t("2026-06-01T10:00:00Z"));
    const v = parseCostView({ range: "this-month", by: "day", group: "resource" }, t("2026-06-02T00:00:00Z")).view;
    const d = await costExplorer(db(), { accountId: acct, view: v, top: 3 });
    expect(d.groups.map((g) => (g.other ? "Other" : g.key))).toEqual([ids[5], ids[4], ids[3], "Other"]);
    // 10 hours × $0.005 × (1 + 2 + 3) IPs.
    expect(d.groups.at(-1)!.total.gross).toBe(10n * 5_000n * 6n);
    expect(d.total.gross).toBe(10n * 5_000n * 21n);
    // One group past the top is shown by itself: an "Other" of one says nothing.
    const five = await costExplorer(db(), { accountId: acct, view: v, top: 5 });
    expect(five.groups.map((g) => g.other)).toEqual([false, false, false, false, false, false]);
  });
});
