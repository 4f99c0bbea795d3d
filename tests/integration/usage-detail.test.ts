import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accountBillingState, accountDiscounts, resources, vouchers } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import { listUsage, type UsageCursor, type UsageFilters, type UsageRow, usageTotals } from "@/db/queries/usage-detail";
import { runBilling } from "@/lib/billing/run";
import { purchaseSubscription } from "@/lib/billing/subscribe";
import { usageCsvLines } from "@/lib/billing/usage-csv";
import { chargesOfPosting, parseUsageQuery } from "@/lib/billing/usage-query";
import { atTime } from "@/lib/clock";
import { post, topUp } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { ensureCatalogue } from "../fixtures/billing";
import { parseCsv } from "../fixtures/csv";
import { useTestDb } from "../fixtures/db";
import { createAccount, key, system } from "../fixtures/ledger";

const handle = useTestDb();
const db = () => handle().db;
const H = 3_600_000;
const T0 = new Date("2025-03-01T00:00:00Z");
const at = (h: number) => new Date(T0.getTime() + h * H);

/**
 * An account billed every 6 hours for 3 days: two hourly resources started together (their
 * charges share each period_start and each batch's created_at), one tagged team:ml; a
 * daily one; a 10 % discount, a $3 voucher, and a subscription (an order, not a charge,
 * summed into the same daily_costs rows).
 */
async function billedAccount(name: string) {
  const id = await createAccount(db(), name);
  await db().insert(accountBillingState).values({ accountId: id });
  await topUp(db(), { accountId: id, amount: dollars(1000), provider: "test", idempotencyKey: key("topup"), actor: system });
  await db().insert(accountDiscounts).values({ accountId: id, productId: null, rateBps: 1000, reason: "test" });
  const [v] = await db().insert(vouchers).values({ codeHash: key("v"), accountId: id, faceValue: dollars(3), productIds: [], validFrom: T0, validUntil: at(96) }).returning();
  await post(db(), {
    idempotencyKey: key("issue"), accountId: id, type: "voucher_issue", description: "issue",
    entries: [{ account: { kind: "voucher", ref: v!.id }, amount: dollars(3) }, { account: { kind: "voucher_issuance" }, amount: -dollars(3) }],
    actor: system, audit: { action: "test.voucher" },
  });
  const base = { accountId: id, status: "running" as const, startedAt: T0, billedUntil: T0 };
  const [a, b, d] = await db()
    .insert(resources)
    .values([
      { ...base, productId: "test.hourly", name: `${name}-a`, quantity: 1n, billingMode: "payg_hourly", unitPrice: 60_000n, requestKey: key("a"), tags: { team: "ml" } },
      { ...base, productId: "test.cheap", name: `${name}-b`, quantity: 3n, billingMode: "payg_hourly", unitPrice: 3_333n, requestKey: key("b"), tags: { team: "web" } },
      { ...base, productId: "test.daily", name: `${name}-d`, quantity: 1n, billingMode: "payg_daily", unitPrice: 2_400_000n, requestKey: key("d") },
    ])
    .returning();
  await purchaseSubscription(db(), { accountId: id, productId: "test.sub", quantity: 1, termMonths: 1, autoRenew: false, tags: { team: "ml" }, actor: system, idempotencyKey: key("sub"), now: at(5) });
  for (let h = 6; h <= 72; h += 6) await atTime(at(h), () => runBilling(db(), { until: at(h), accountIds: [id] }));
  return { id, a: a!, b: b!, d: d! };
}

let acme: Awaited<ReturnType<typeof billedAccount>>;
let other: Awaited<ReturnType<typeof billedAccount>>;

beforeAll(async () => {
  await ensureCatalogue(db());
  acme = await billedAccount("acme");
  other = await billedAccount("other");
});

const filters = (accountId: string, q: Record<string, string> = {}) => parseUsageQuery(accountId, { from: "2025-03-01", to: "2025-03-31", ...q }, T0).filters;

/** Every page from the first, following `older`. */
async function allPages(f: UsageFilters, limit: number): Promise<{ pages: UsageRow[][]; cursors: UsageCursor[] }> {
  const pages: UsageRow[][] = [];
  const cursors: UsageCursor[] = [];
  let after: UsageCursor | null = null;
  do {
    const page: Awaited<ReturnType<typeof listUsage>> = await listUsage(db(), { ...f, limit, after });
    pages.push(page.rows);
    if (page.older) cursors.push(page.older);
    after = page.older;
  } while (after && pages.length < 1000);
  return { pages, cursors };
}

const sum = (rows: UsageRow[], k: "gross" | "discount" | "voucherPaid" | "net") => rows.reduce((s, r) => s + r[k], 0n);

describe("usage detail", () => {
  it("pages through every charge once, newest recorded first, also where charges share a period start and a batch", async () => {
    const expected = await rowsOf(db(), sql`select id::text as cid from charges where account_id = ${acme.id}::uuid order by created_at desc, id desc`);
    expect(expected.length).toBe(2 * 72 + 3);
    const { pages } = await allPages(filters(acme.id), 7);
    const ids = pages.flat().map((r) => r.id);
    expect(ids).toEqual(expected.map((r) => r.cid));
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages.every((p) => p.length <= 7)).toBe(true);
    // Shared period starts really occur on one page boundary or another.
    const shared = pages.flat().filter((r, i, all) => all.some((o, j) => j !== i && o.periodStart.getTime() === r.periodStart.getTime()));
    expect(shared.length).toBeGreaterThan(100);

    // Back from the last page with `newer`: the same pages in reverse.
    const last = await listUsage(db(), { ...filters(acme.id), limit: 7, after: (await allPages(filters(acme.id), 7)).cursors.at(-1)! });
    expect(last.older).toBeNull();
    const back: string[][] = [last.rows.map((r) => r.id)];
    let before = last.newer;
    while (before) {
      const page = await listUsage(db(), { ...filters(acme.id), limit: 7, before });
      back.unshift(page.rows.map((r) => r.id));
      before = page.newer;
    }
    expect(back).toEqual(pages.map((p) => p.map((r) => r.id)));
  });

  it("filters by product, region, billing mode, resource, tag and posting, with totals equal to the rows' sums", async () => {
    const cases: [Record<string, string>, number][] = [
      [{}, 147],
      [{ product: "test.hourly" }, 72],
      [{ region: "test" }, 147],
      [{ region: "us-west-1" }, 0],
      [{ mode: "payg_daily" }, 3],
      [{ mode: "payg_hourly" }, 144],
      [{ resource: acme.b.id }, 72],
      [{ tag: "team:ml" }, 72],
      [{ tag: "team=web", mode: "payg_hourly" }, 72],
      [{ tag: "team:none" }, 0],
      [{ from: "2025-03-02", to: "2025-03-02" }, 2 * 24 + 1],
      [{ from: "2025-03-03", to: "2025-03-04", product: "test.daily" }, 2],
    ];
    for (const [q, n] of cases) {
      const f = filters(acme.id, q);
      const rows = (await allPages(f, 50)).pages.flat();
      expect(rows.length, JSON.stringify(q)).toBe(n);
      const totals = await usageTotals(db(), f);
      expect(totals, JSON.stringify(q)).toEqual({ charges: n, gross: sum(rows, "gross"), discount: sum(rows, "discount"), voucherPaid: sum(rows, "voucherPaid"), net: sum(rows, "net") });
      for (const r of rows) {
        expect(r.gross - r.discount - r.voucherPaid).toBe(r.net);
        if (q.product) expect(r.productId).toBe(q.product);
        if (q.resource) expect(r.resourceId).toBe(q.resource);
        if (q.tag === "team:ml") expect(r.tags).toEqual({ team: "ml" });
      }
    }
    // The discount and the voucher show up in the totals (not an all-zero equality).
    const all = await usageTotals(db(), filters(acme.id));
    expect(all.discount).toBeGreaterThan(0n);
    expect(all.voucherPaid).toBe(dollars(3));

    // A posting's charges: one batch, recorded at one instant; their totals are summed from the charges.
    const [batch] = await rowsOf(db(), sql`select posting_key, count(*)::int as n from charges where account_id = ${acme.id}::uuid group by 1 order by min(created_at) desc limit 1`);
    const digest = String(batch!.posting_key).split(":")[2]!;
    const f = filters(acme.id, { posting: digest });
    const rows = (await allPages(f, 5)).pages.flat();
    expect(rows.length).toBe(batch!.n);
    expect(new Set(rows.map((r) => r.createdAt.getTime())).size).toBe(1);
    expect(await usageTotals(db(), f)).toEqual({ charges: rows.length, gross: sum(rows, "gross"), discount: sum(rows, "discount"), voucherPaid: sum(rows, "voucherPaid"), net: sum(rows, "net") });
  });

  it("counts a charge on the day it was recorded: the last hour of a day, charged after midnight, is the next day's", async () => {
    const day1 = (await allPages(filters(acme.id, { from: "2025-03-01", to: "2025-03-01", resource: acme.a.id }), 100)).pages.flat();
    // Billed at 06, 12 and 18: the increments up to 18:00; 18:00-24:00 is recorded at midnight, on the 2nd.
    expect(day1.map((r) => r.periodStart.toISOString()).at(0)).toBe("2025-03-01T17:00:00.000Z");
    expect(day1).toHaveLength(18);
  });

  it("never shows another account's charges, whatever the filters say", async () => {
    const mine = (await allPages(filters(acme.id), 100)).pages.flat();
    const theirs = new Set([other.a.id, other.b.id, other.d.id]);
    expect(mine.some((r) => theirs.has(r.resourceId))).toBe(false);
    for (const q of [{ resource: other.a.id }, { posting: "0".repeat(32) }] as Record<string, string>[]) {
      expect((await listUsage(db(), { ...filters(acme.id, q), limit: 50 })).rows).toEqual([]);
      expect((await usageTotals(db(), filters(acme.id, q))).charges).toBe(0);
    }
    // Another account's posting digest, asked for under this account, is this account's key: nothing.
    const [theirBatch] = await rowsOf(db(), sql`select posting_key from charges where account_id = ${other.id}::uuid limit 1`);
    const f = filters(acme.id, { posting: String(theirBatch!.posting_key).split(":")[2]! });
    expect((await listUsage(db(), { ...f, limit: 50 })).rows).toEqual([]);
    // A cursor from another account's list leads nowhere but this account's own rows.
    const theirPage = await listUsage(db(), { ...filters(other.id), limit: 5 });
    const afterTheirs = await listUsage(db(), { ...filters(acme.id), limit: 200, after: theirPage.older });
    expect(afterTheirs.rows.every((r) => !theirs.has(r.resourceId))).toBe(true);
  });

  it("exports the filtered charges as CSV that parses back to the rows, in either language, read in chunks", async () => {
    const f = filters(acme.id, { mode: "payg_hourly" });
    const rows = (await allPages(f, 200)).pages.flat();
    const lines: string[] = [];
    for await (const line of usageCsvLines(db(), f, "en", 10)) lines.push(line);
    const [header, ...body] = lines.map(parseCsvLine);
    expect(header!.slice(0, 4)).toEqual(["Recorded (UTC)", "Increment start (UTC)", "Increment end (UTC)", "Resource"]);
    expect(body).toHaveLength(rows.length);
    const col = (name: string) => header!.indexOf(name);
    for (const [i, r] of rows.entries()) {
      const l = body[i]!;
      expect(l[col("Charge ID")]).toBe(r.id);
      expect(l[col("Increment start (UTC)")]).toBe(r.periodStart.toISOString());
      expect(BigInt(l[col("Gross (micro-USD)")]!)).toBe(r.gross);
      // Discount and voucher are deductions: gross + discount + voucher = net on every line.
      expect(BigInt(l[col("Gross (micro-USD)")]!) + BigInt(l[col("Discount (micro-USD)")]!) + BigInt(l[col("Voucher (micro-USD)")]!)).toBe(BigInt(l[col("Net (micro-USD)")]!));
      expect(l[col("Billing mode")]).toBe("Pay-as-you-go, hourly");
    }
    const totals = await usageTotals(db(), f);
    expect(body.reduce((s, l) => s + BigInt(l[col("Net (micro-USD)")]!), 0n)).toBe(totals.net);
    // 3 units of test.cheap for a whole hour: "3" hours of its unit; the tag set as key:value.
    const cheap = body.find((l) => l[col("Product ID")] === "test.cheap")!;
    expect([cheap[col("Quantity")], cheap[col("Unit")], cheap[col("Tags")]]).toEqual(["3", "hour", "team:web"]);

    const zh: string[] = [];
    for await (const line of usageCsvLines(db(), filters(acme.id, { product: "test.daily" }), "zh-CN")) zh.push(line);
    const zhHeader = parseCsvLine(zh[0]!);
    expect(zhHeader).toContain("实付 (微美元)");
    expect(parseCsvLine(zh[1]!)[zhHeader.indexOf("单位")]).toBe("天");
    expect(parseCsvLine(zh[1]!)[zhHeader.indexOf("产品")]).toBe("测试按天");
  });

  it("links a usage posting to its charges, and nothing else", async () => {
    const [tx] = await rowsOf(db(), sql`select idempotency_key, created_at from ledger_transactions where account_id = ${acme.id}::uuid and type = 'usage' order by created_at desc limit 1`);
    const href = chargesOfPosting(acme.id, String(tx!.idempotency_key), new Date(tx!.created_at as string));
    expect(href).toMatch(new RegExp(`^/a/${acme.id}/billing/usage\\?from=2025-03-0\\d&to=2025-03-0\\d&posting=[0-9a-f]{32}$`));
    const q = Object.fromEntries(new URL(href!, "http://x").searchParams);
    const rows = (await allPages(filters(acme.id, q), 50)).pages.flat();
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.postingKey))).toEqual(new Set([String(tx!.idempotency_key).replace(/:cash$/, "")]));
    // A top-up, or another account's posting, links nowhere.
    expect(chargesOfPosting(acme.id, "test:topup:1", new Date())).toBeNull();
    const [theirs] = await rowsOf(db(), sql`select idempotency_key from ledger_transactions where account_id = ${other.id}::uuid and type = 'usage' limit 1`);
    expect(chargesOfPosting(acme.id, String(theirs!.idempotency_key), new Date())).toBeNull();
  });

  it("parses the query: this month by default, a reversed period or a bad tag reported, not applied", () => {
    const now = new Date("2026-11-15T12:00:00Z");
    expect(parseUsageQuery(acme.id, {}, now).query).toMatchObject({ from: "2026-11-01", to: "2026-11-30" });
    const reversed = parseUsageQuery(acme.id, { from: "2026-10-10", to: "2026-10-01" }, now);
    expect(reversed.badPeriod).toBe(true);
    expect(reversed.query).toMatchObject({ from: "2026-11-01", to: "2026-11-30" });
    const tag = parseUsageQuery(acme.id, { tag: ":ml" }, now);
    expect(tag.badTag).toBe(true);
    expect(tag.filters.tag).toBeUndefined();
    expect(parseUsageQuery(acme.id, { tag: "team: ml " }, now).filters.tag).toEqual({ key: "team", value: "ml" });
    expect(parseUsageQuery(acme.id, { after: "nonsense" }, now).after).toBeNull();
  });
});

const parseCsvLine = (line: string): string[] => parseCsv(line)[0] ?? [];
