import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as resourcesRoute from "@/app/api/v1/resources/route";
import * as resourceRoute from "@/app/api/v1/resources/[id]/route";
import * as batchRoute from "@/app/api/v1/usage/batch/route";
import * as usageRoute from "@/app/api/v1/usage/route";
import { type DbHandle, openDatabase } from "@/db/client";
import { createApiKey, createPlatformKey } from "@/lib/api/keys";
import { atTime } from "@/lib/clock";
import { seedCatalogue } from "@/lib/demo/catalogue";
import { topUp } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { createAccount, createUser } from "../fixtures/factories";
import { onPostgres, useTestDb } from "../fixtures/db";
import { checkedRoute } from "./api-contract";

// Every answer is also checked against the OpenAPI document (tests/integration/api-contract.ts).
const createResource = checkedRoute(resourcesRoute.POST);
const deleteResource = checkedRoute(resourceRoute.DELETE);
const postBatch = checkedRoute(batchRoute.POST);
const postUsage = checkedRoute(usageRoute.POST);

const h = useTestDb();
const noParams = { params: Promise.resolve({}) };
// Every request at its own simulated second, so no test depends on today or trips the per-second limit.
let tick = Date.parse("2026-11-27T12:00:00Z");
const at = <T>(fn: () => Promise<T>) => atTime(new Date((tick += 1000)), fn);

function req(path: string, opts: { method?: string; key: string; body?: unknown; idempotencyKey?: string; raw?: string }) {
  const headers: Record<string, string> = { "content-type": "application/json", authorization: `Bearer ${opts.key}` };
  if (opts.idempotencyKey) headers["idempotency-key"] = opts.idempotencyKey;
  return new Request(`http://localhost/api/v1${path}`, { method: opts.method ?? "GET", headers, body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)) });
}

async function customer() {
  const { account, members } = await createAccount(h().db, ["owner"]);
  await topUp(h().db, { accountId: account.id, amount: dollars(100), provider: "test", idempotencyKey: `t:${crypto.randomUUID()}`, actor: { kind: "system" } });
  const { key } = await createApiKey(h().db, { accountId: account.id, name: "provisioner", userId: members.owner.id });
  const resource = async (productId: string) => {
    const res = await at(() => createResource(req("/resources", { method: "POST", key, body: { productId, quantity: 1 }, idempotencyKey: crypto.randomUUID() }), noParams));
    expect(res.status).toBe(201);
    return ((await res.json()) as { resource: { id: string } }).resource.id;
  };
  return { account, key, resource };
}

type Answer = { accepted: number; duplicates: number; errors: number; results: { index: number; status: string; error?: { code: string } }[] };
async function batch(key: string, events: unknown[] | string): Promise<{ status: number; body: Answer; headers: Headers }> {
  const res = await at(() => postBatch(req("/usage/batch", { method: "POST", key, ...(typeof events === "string" ? { raw: events } : { body: { events } }) }), noParams));
  return { status: res.status, body: (await res.json()) as Answer, headers: res.headers };
}
const outcome = (b: Answer) => b.results.map((r) => (r.status === "error" ? r.error!.code : r.status));
const stored = async (accountId: string) =>
  (await h().db.execute(sql`select event_id, quantity::text as q from usage_events where account_id = ${accountId} order by event_id`)) as unknown;
const storedRows = async (accountId: string) => {
  const r = await stored(accountId);
  return (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { event_id: string; q: string }[];
};
const ev = (eventId: string, resourceId: string, quantity = 10, occurredAt = "2026-11-27T10:00:00Z") => ({ eventId, resourceId, quantity, occurredAt });

describe("POST /api/v1/usage/batch", () => {
  beforeAll(async () => {
    await seedCatalogue(h().db);
  });

  it("answers each event by its index: accepted, duplicate, and each refusal, storing only the good ones once", async () => {
    const a = await customer();
    const b = await customer();
    const bucket = await a.resource("oss.standard.gb");
    const vm = await a.resource("ecs.g7.large");
    const released = await a.resource("oss.standard.gb");
    expect((await at(() => deleteResource(req(`/resources/${released}`, { method: "DELETE", key: a.key }), { params: Promise.resolve({ id: released }) }))).status).toBe(200);
    const othersBucket = await b.resource("oss.standard.gb");
    expect((await at(() => postUsage(req("/usage", { method: "POST", key: a.key, body: ev("old", bucket, 5) }), noParams))).status).toBe(202);

    const { status, body } = await batch(a.key, [
      ev("e-1", bucket, 7),
      ev("old", bucket, 5), // the same event again: a duplicate
      ev("old", bucket, 6), // the same id, other content
      { eventId: "bad", resourceId: bucket, quantity: 0, occurredAt: "2026-11-27T10:00:00Z" },
      ev("e-2", othersBucket), // another account's resource, for an account key
      ev("e-3", released),
      ev("e-4", vm), // not metered
      ev("e-5", crypto.randomUUID()),
      ev("e-1", bucket, 7), // repeated inside the batch
      ev("e-6", bucket, 3),
    ]);
    expect(status).toBe(200);
    expect(outcome(body)).toEqual(["accepted", "duplicate", "IDEMPOTENCY_CONFLICT", "VALIDATION", "NOT_FOUND", "CONFLICT", "VALIDATION", "NOT_FOUND", "duplicate", "accepted"]);
    expect(body.results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect({ accepted: body.accepted, duplicates: body.duplicates, errors: body.errors }).toEqual({ accepted: 2, duplicates: 2, errors: 6 });
    expect(await storedRows(a.account.id)).toEqual([{ event_id: "e-1", q: "7" }, { event_id: "e-6", q: "3" }, { event_id: "old", q: "5" }]);
    expect(await storedRows(b.account.id)).toEqual([]);
  });

  it("a retried batch counts each event once and is answered duplicate", async () => {
    const a = await customer();
    const bucket = await a.resource("oss.standard.gb");
    const events = Array.from({ length: 300 }, (_, i) => ev(`r-${i}`, bucket, i + 1));
    const first = await batch(a.key, events);
    expect(first.body.accepted).toBe(300);
    // One request's answer: never cached by a proxy, and not compressed by the app.
    expect(first.headers.get("cache-control")).toBe("no-store, no-transform");
    const again = await batch(a.key, events);
    expect({ accepted: again.body.accepted, duplicates: again.body.duplicates }).toEqual({ accepted: 0, duplicates: 300 });
    const rows = await storedRows(a.account.id);
    expect(rows).toHaveLength(300);
    expect(rows.reduce((s, r) => s + Number(r.q), 0)).toBe((300 * 301) / 2);
  });

  it("tells replays from new events at their own indices, the same instant however written, and stores the instant as the single endpoint does", async () => {
    const a = await customer();
    const bucket = await a.resource("oss.standard.gb");
    const other = await a.resource("oss.standard.gb");
    const first = await batch(a.key, [ev("i-0", bucket, 1), ev("i-2", bucket, 2, "2026-11-27T10:00:00.250Z"), ev("i-4", bucket, 3, "2026-11-27T18:00:00+08:00"), ev("i-6", bucket, 4, "2026-11-27T10:00:00.123456Z")]);
    expect(outcome(first.body)).toEqual(["accepted", "accepted", "accepted", "accepted"]);
    const { body } = await batch(a.key, [
      ev("i-0", bucket, 1, "2026-11-27T11:00:00+01:00"), // the same instant at another offset
      ev("i-1", bucket, 1),
      ev("i-2", bucket, 2, "2026-11-27T10:00:00.250000Z"),
      ev("i-3", bucket, 1),
      ev("i-4", bucket, 3),
      ev("i-5", other, 1),
      ev("i-5", bucket, 1), // the same id again in the batch, of another resource
      ev("i-4", bucket, 4), // a used id, another quantity
      ev("i-6", bucket, 4, "2026-11-27T10:00:00.123Z"),
      ev("i-1", bucket, 1, "2026-11-27T10:00:00.000Z"), // repeated in the batch, the same instant
    ]);
    expect(outcome(body)).toEqual(["duplicate", "accepted", "duplicate", "accepted", "duplicate", "accepted", "IDEMPOTENCY_CONFLICT", "IDEMPOTENCY_CONFLICT", "duplicate", "duplicate"]);
    expect(body.results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect({ accepted: body.accepted, duplicates: body.duplicates, errors: body.errors }).toEqual({ accepted: 3, duplicates: 5, errors: 2 });
    expect(await at(() => postUsage(req("/usage", { method: "POST", key: a.key, body: ev("s-6", bucket, 4, "2026-11-27T10:00:00.123456Z") }), noParams))).toHaveProperty("status", 202);
    const times = (await h().db.execute(sql`select event_id, to_char(occurred_at at time zone 'UTC', 'HH24:MI:SS.US') as t from usage_events where account_id = ${a.account.id} order by event_id`)) as unknown;
    const byId = Object.fromEntries(((Array.isArray(times) ? times : (times as { rows: unknown[] }).rows) as { event_id: string; t: string }[]).map((r) => [r.event_id, r.t]));
    expect(byId).toEqual({ "i-0": "10:00:00.000000", "i-1": "10:00:00.000000", "i-2": "10:00:00.250000", "i-3": "10:00:00.000000", "i-4": "10:00:00.000000", "i-5": "10:00:00.000000", "i-6": "10:00:00.123000", "s-6": "10:00:00.123000" });
  });

  it("a platform key reaches every account's resources, each event stored under its own account", async () => {
    const a = await customer();
    const b = await customer();
    const staff = await createUser(h().db, { staffRole: "finance" });
    const { key } = await createPlatformKey(h().db, { name: "platform", userId: staff.id });
    const [ra, rb] = [await a.resource("oss.standard.gb"), await b.resource("oss.standard.gb")];
    const { body } = await batch(key, [ev("same-id", ra, 1), ev("same-id", rb, 2)]);
    expect(outcome(body)).toEqual(["accepted", "accepted"]);
    expect(await storedRows(a.account.id)).toEqual([{ event_id: "same-id", q: "1" }]);
    expect(await storedRows(b.account.id)).toEqual([{ event_id: "same-id", q: "2" }]);
    // b's key still cannot report on a's resource.
    expect(outcome((await batch(b.key, [ev("x", ra)])).body)).toEqual(["NOT_FOUND"]);
  });

  it("refuses a whole request that is empty, over 1,000 events or not JSON, storing nothing", async () => {
    const a = await customer();
    const bucket = await a.resource("oss.standard.gb");
    expect((await batch(a.key, [])).status).toBe(400);
    const over = await batch(a.key, Array.from({ length: 1001 }, (_, i) => ev(`o-${i}`, bucket)));
    expect(over.status).toBe(400);
    expect((over.body as unknown as { error: { code: string } }).error.code).toBe("VALIDATION");
    expect((await batch(a.key, "{not json")).status).toBe(400);
    expect(await storedRows(a.account.id)).toEqual([]);
    expect((await batch(a.key, Array.from({ length: 1000 }, (_, i) => ev(`k-${i}`, bucket)))).body.accepted).toBe(1000);
  });

  it("the single endpoint refuses a released resource too, by the same rule", async () => {
    const a = await customer();
    const bucket = await a.resource("oss.standard.gb");
    await at(() => deleteResource(req(`/resources/${bucket}`, { method: "DELETE", key: a.key }), { params: Promise.resolve({ id: bucket }) }));
    const res = await at(() => postUsage(req("/usage", { method: "POST", key: a.key, body: ev("late", bucket) }), noParams));
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("CONFLICT");
    expect(await storedRows(a.account.id)).toEqual([]);
  });
});

// Two pools stand for two app instances sending the same batch at once.
describe.skipIf(!onPostgres())("the same batch sent in parallel (Postgres)", () => {
  let pools: DbHandle[] = [];
  beforeAll(() => {
    pools = [openDatabase({ url: process.env.DATABASE_URL, max: 5 }), openDatabase({ url: process.env.DATABASE_URL, max: 5 })];
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it("stores each event once and answers it accepted exactly once overall", async () => {
    const { recordUsageBatch } = await import("@/lib/billing/usage-batch");
    const a = await customer();
    const bucket = await a.resource("oss.standard.gb");
    const events = Array.from({ length: 500 }, (_, i) => ev(`p-${i}`, bucket, 1));
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => recordUsageBatch(pools[i % 2]!.db, a.account.id, events)));
    for (let i = 0; i < events.length; i++) {
      const statuses = answers.map((r) => r[i]!.status);
      expect(statuses.filter((s) => s === "accepted")).toHaveLength(1);
      expect(statuses.filter((s) => s === "duplicate")).toHaveLength(7);
    }
    expect(await storedRows(a.account.id)).toHaveLength(500);
  });
});
