import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as twinUsageRoute from "@/app/api/v1/accounts/[accountId]/usage/route";
import * as chargesRoute from "@/app/api/v1/charges/route";
import * as resourcesRoute from "@/app/api/v1/resources/route";
import * as batchRoute from "@/app/api/v1/usage/batch/route";
import * as usageRoute from "@/app/api/v1/usage/route";
import { createApiKey, createPlatformKey } from "@/lib/api/keys";
import { runBilling } from "@/lib/billing/run";
import { atTime } from "@/lib/clock";
import { seedCatalogue } from "@/lib/demo/catalogue";
import { topUp } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { createAccount, createUser } from "../fixtures/factories";
import { useTestDb } from "../fixtures/db";
import { checkedRoute } from "./api-contract";

// Every answer is also checked against the OpenAPI document (tests/integration/api-contract.ts).
const platformUsage = checkedRoute(twinUsageRoute.GET);
const getCharges = checkedRoute(chargesRoute.GET);
const createResource = checkedRoute(resourcesRoute.POST);
const postBatch = checkedRoute(batchRoute.POST);
const getUsage = checkedRoute(usageRoute.GET);

const h = useTestDb();
const noParams = { params: Promise.resolve({}) };
let tick = Date.parse("2026-11-20T12:00:00Z");
const at = <T>(fn: () => Promise<T>) => atTime(new Date((tick += 1000)), fn);

function req(path: string, key: string, body?: unknown, idempotencyKey?: string) {
  const headers: Record<string, string> = { "content-type": "application/json", authorization: `Bearer ${key}` };
  if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
  return new Request(`http://localhost/api/v1${path}`, { method: body === undefined ? "GET" : "POST", headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function customer() {
  const { account, members } = await createAccount(h().db, ["owner"]);
  await topUp(h().db, { accountId: account.id, amount: dollars(100), provider: "test", idempotencyKey: `t:${crypto.randomUUID()}`, actor: { kind: "system" } });
  const { key } = await createApiKey(h().db, { accountId: account.id, name: "provisioner", userId: members.owner.id });
  const bucket = async () => {
    const res = await at(() => createResource(req("/resources", key, { productId: "oss.standard.gb", quantity: 1 }, crypto.randomUUID()), noParams));
    return ((await res.json()) as { resource: { id: string } }).resource.id;
  };
  return { account, key, bucket };
}

type UsageRow = { resourceId: string; periodStart: string; quantity: string; events: number; charged: boolean };
type ChargeRow = { id: string; resourceId: string; gross: { micros: string }; discount: { micros: string }; voucher: { micros: string }; cash: { micros: string }; net: { micros: string; currency: string } };

/** Every page of a list, following nextCursor. */
async function allPages<T>(get: (qs: string) => Promise<Response>, qs: string): Promise<{ rows: T[]; pages: number }> {
  const rows: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await get(`${qs}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: T[]; nextCursor: string | null };
    rows.push(...body.data);
    cursor = body.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  return { rows, pages };
}

describe("reading usage and charges back", () => {
  let a: Awaited<ReturnType<typeof customer>>;
  let r1: string;
  let r2: string;
  beforeAll(async () => {
    await seedCatalogue(h().db);
    a = await customer();
    [r1, r2] = [await a.bucket(), await a.bucket()];
    const days = ["2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24"];
    const events = days.flatMap((d, i) => [
      { eventId: `${d}-a`, resourceId: r1!, quantity: 10 + i, occurredAt: `${d}T06:00:00Z` },
      { eventId: `${d}-b`, resourceId: r1!, quantity: 1, occurredAt: `${d}T07:00:00Z` },
      { eventId: `${d}-c`, resourceId: r2!, quantity: 100, occurredAt: `${d}T06:30:00Z` },
    ]);
    expect(((await (await at(() => postBatch(req("/usage/batch", a.key, { events }), noParams))).json()) as { accepted: number }).accepted).toBe(12);
    // The billing run charges the first days; the last stays uncharged.
    await runBilling(h().db, { until: new Date("2026-11-23T23:00:00Z"), accountIds: [a.account.id] });
  });

  it("lists usage per resource and increment, every row once across pages, with the total reported", async () => {
    const whole = await allPages<UsageRow>((qs) => at(() => getUsage(req(`/usage?${qs}`, a.key), noParams)), "limit=100");
    const paged = await allPages<UsageRow>((qs) => at(() => getUsage(req(`/usage?${qs}`, a.key), noParams)), "limit=2");
    expect(paged.rows).toEqual(whole.rows);
    expect(paged.pages).toBeGreaterThan(2);
    const keys = whole.rows.map((r) => `${r.resourceId} ${r.periodStart}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(whole.rows.reduce((s, r) => s + Number(r.quantity), 0)).toBe(4 * 100 + 46 + 4);
    expect(whole.rows.reduce((s, r) => s + r.events, 0)).toBe(12);
    expect(whole.rows.some((r) => r.charged)).toBe(true);
    expect(whole.rows.some((r) => !r.charged)).toBe(true);
    // A charged increment's quantity is what the charge line billed.
    const rows = (await h().db.execute(sql`select resource_id::text as r, period_start, quantity::text as q from charges where account_id = ${a.account.id}`)) as unknown;
    const charged = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { r: string; period_start: string | Date; q: string }[];
    for (const u of whole.rows.filter((x) => x.charged)) {
      const line = charged.find((c) => c.r === u.resourceId && new Date(c.period_start).toISOString() === u.periodStart);
      expect(line?.q).toBe(u.quantity);
    }
  });

  it("filters by resource and by when the usage occurred", async () => {
    const only = await allPages<UsageRow>((qs) => at(() => getUsage(req(`/usage?${qs}`, a.key), noParams)), `resourceId=${r2}&limit=1`);
    expect(new Set(only.rows.map((r) => r.resourceId))).toEqual(new Set([r2]));
    expect(only.rows.reduce((s, r) => s + Number(r.quantity), 0)).toBe(400);
    const window = await allPages<UsageRow>((qs) => at(() => getUsage(req(`/usage?${qs}`, a.key), noParams)), `from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z`);
    expect(window.rows.reduce((s, r) => s + Number(r.quantity), 0)).toBe(13 + 1 + 100);
  });

  it("lists the charge lines once across pages, as money, net = gross - discount = voucher + cash", async () => {
    const all = await allPages<ChargeRow>((qs) => at(() => getCharges(req(`/charges?${qs}`, a.key), noParams)), "limit=100");
    const paged = await allPages<ChargeRow>((qs) => at(() => getCharges(req(`/charges?${qs}`, a.key), noParams)), "limit=1");
    expect(paged.rows).toEqual(all.rows);
    const counted = (await h().db.execute(sql`select count(*)::int as n from charges where account_id = ${a.account.id}`)) as unknown;
    const n = ((Array.isArray(counted) ? counted : (counted as { rows: unknown[] }).rows) as { n: number }[])[0]!.n;
    expect(all.rows).toHaveLength(n);
    expect(n).toBeGreaterThan(2);
    expect(new Set(all.rows.map((c) => c.id)).size).toBe(n);
    for (const c of all.rows) {
      expect(BigInt(c.net.micros)).toBe(BigInt(c.gross.micros) - BigInt(c.discount.micros));
      expect(BigInt(c.net.micros)).toBe(BigInt(c.voucher.micros) + BigInt(c.cash.micros));
      expect(c.net.currency).toBe("USD");
    }
    const one = await allPages<ChargeRow>((qs) => at(() => getCharges(req(`/charges?${qs}`, a.key), noParams)), `resourceId=${r1}`);
    expect(one.rows.length).toBeGreaterThan(0);
    expect(one.rows.every((c) => c.resourceId === r1)).toBe(true);
  });

  it("another account sees none of it; a platform key reads it under the account's path; a bad cursor is a 400", async () => {
    const b = await customer();
    expect(((await (await at(() => getUsage(req("/usage", b.key), noParams))).json()) as { data: unknown[] }).data).toEqual([]);
    expect(((await (await at(() => getCharges(req(`/charges?resourceId=${r1}`, b.key), noParams))).json()) as { data: unknown[] }).data).toEqual([]);
    expect((await at(() => platformUsage(req(`/accounts/${a.account.id}/usage`, b.key), { params: Promise.resolve({ accountId: a.account.id }) }))).status).toBe(404);
    const staff = await createUser(h().db, { staffRole: "finance" });
    const { key } = await createPlatformKey(h().db, { name: "platform", userId: staff.id });
    const viaPlatform = await at(() => platformUsage(req(`/accounts/${a.account.id}/usage?limit=100`, key), { params: Promise.resolve({ accountId: a.account.id }) }));
    expect(((await viaPlatform.json()) as { data: UsageRow[] }).data.reduce((s, r) => s + r.events, 0)).toBe(12);
    for (const bad of ["cursor=nope", "limit=0", "limit=101", "from=yesterday", "resourceId=42"]) {
      const res = await at(() => getUsage(req(`/usage?${bad}`, a.key), noParams));
      expect(res.status).toBe(400);
    }
  });
});
