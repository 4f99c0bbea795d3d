import { readdirSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { max } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { billingEvents, webhookEndpoints } from "@/db/schema";
import { createBillingClient } from "@/lib/api/client";
import { encodeCursor } from "@/lib/api/cursor";
import { createApiKey, createPlatformKey } from "@/lib/api/keys";
import { openApiDocument } from "@/lib/api/openapi";
import { atTime } from "@/lib/clock";
import { seedCatalogue } from "@/lib/demo/catalogue";
import { newWebhookSecret } from "@/lib/alerts/signature";
import { EVENT_TYPES } from "@/lib/events/types";
import { deliverWebhooks } from "@/lib/jobs/deliver-webhooks";
import { purchaseSubscription } from "@/lib/billing/subscribe";
import { subscriptionsJob } from "@/lib/jobs/subscriptions";
import { topUp } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { useTestDb } from "../fixtures/db";
import { createAccount, createUser } from "../fixtures/factories";
import { contractSeen, schemaErrors } from "./api-contract";
import { ROUTES, routeFetch } from "./api-routes";

// The database going away mid-request (a restart): the key lookup with its rate-limit count is the first query a keyed request makes.
const outage = vi.hoisted(() => ({ on: false }));
vi.mock("@/lib/api/rate-limits", async (original) => {
  const real = await original<typeof import("@/lib/api/rate-limits")>();
  return {
    ...real,
    apiKeyRequest: (...args: Parameters<typeof real.apiKeyRequest>) => {
      if (outage.on) throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
      return real.apiKeyRequest(...args);
    },
  };
});

const h = useTestDb();
const db = () => h().db;
const doc = JSON.parse(JSON.stringify(openApiDocument));
const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const operations: [string, string][] = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, item]) => METHODS.filter((m) => item[m]).map((m) => [m.toUpperCase(), p] as [string, string]));

const client = (key: string) => createBillingClient("http://localhost", key, { fetch: routeFetch });

async function fundedAccount(amount: number) {
  const { account, members } = await createAccount(db(), ["owner"]);
  if (amount > 0) await topUp(db(), { accountId: account.id, amount: dollars(amount), provider: "test", idempotencyKey: `t:${crypto.randomUUID()}`, actor: { kind: "system" } });
  const { key } = await createApiKey(db(), { accountId: account.id, name: "provisioner", userId: members.owner.id });
  return { id: account.id, key, api: client(key) };
}

/** app/api/v1/**\/route.ts as OpenAPI templates: "accounts/[accountId]/balance" → "/accounts/{accountId}/balance". */
function routeFiles(dir = "app/api/v1", rel = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(path.join(dir, e.name), `${rel}/${e.name}`) : e.name === "route.ts" ? [rel.replace(/\[([^\]]+)\]/g, "{$1}")] : [],
  );
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document, and the one served at /api/v1/openapi.json", async () => {
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? null).toBeNull();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    const served = await routeFetch("http://localhost/api/v1/openapi.json");
    expect(await served.json()).toEqual(doc);
  });

  it("documents every route under app/api/v1 and every method each exports, and nothing else", () => {
    const files = routeFiles().sort();
    expect(Object.keys(doc.paths).sort()).toEqual(files);
    expect(Object.keys(ROUTES).sort()).toEqual(files);
    for (const [template, mod] of Object.entries(ROUTES)) {
      const exported = Object.keys(mod).filter((k) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(k)).sort();
      const documented = METHODS.filter((m) => doc.paths[template][m]).map((m) => m.toUpperCase()).sort();
      expect(documented, template).toEqual(exported);
    }
  });

  it("has a webhook per event type, its body the catalogue's envelope", () => {
    expect(Object.keys(doc.webhooks).sort()).toEqual([...EVENT_TYPES].sort());
    const envelope = doc.components.schemas.ResourceStoppedEvent;
    expect(envelope.properties.type).toEqual({ type: "string", const: "resource.stopped" });
    expect(envelope.properties.data.properties.reason).toEqual({ type: "string", enum: ["overdue", "expiry"] });
  });
});

describe("the API's answers match the document", () => {
  beforeAll(async () => {
    await seedCatalogue(db());
  });
  afterAll(() => vi.unstubAllEnvs());

  it("every keyed operation without a key is 401", async () => {
    for (const [method, template] of operations) {
      if (template === "/openapi.json") continue;
      const url = `http://localhost/api/v1${template.replace(/\{[^}]+\}/g, crypto.randomUUID())}`;
      const res = await routeFetch(url, { method, headers: { "content-type": "application/json" }, body: method === "GET" || method === "DELETE" ? undefined : "{}" });
      expect(res.status, `${method} ${template}`).toBe(401);
    }
  });

  it("an account key: activate (201, 200, 400, 402, 404, 409), read, report usage (202, 200, 400, 404, 409), batch, balance, events, release", async () => {
    const a = await fundedAccount(100);
    const body = { productId: "ecs.g7.large", quantity: 1, name: "vm-1" };
    const made = await a.api.POST("/resources", { body, params: { header: { "Idempotency-Key": "job-1" } } });
    expect(made.response.status).toBe(201);
    const vm = made.data!.resource;
    expect((await a.api.POST("/resources", { body, params: { header: { "Idempotency-Key": "job-1" } } })).response.status).toBe(200);
    const conflict = await a.api.POST("/resources", { body: { ...body, quantity: 2 }, params: { header: { "Idempotency-Key": "job-1" } } });
    expect([conflict.response.status, conflict.error?.error.code]).toEqual([409, "IDEMPOTENCY_CONFLICT"]);
    const bad = await a.api.POST("/resources", { body: { ...body, quantity: 0 }, params: { header: { "Idempotency-Key": "job-2" } } });
    expect(bad.response.status).toBe(400);
    expect(bad.error?.error.fieldErrors).toHaveProperty("quantity");
    expect((await a.api.POST("/resources", { body: { productId: "no.such.product", quantity: 1 }, params: { header: { "Idempotency-Key": "job-3" } } })).response.status).toBe(404);
    expect((await a.api.POST("/resources", { body: { productId: "bms.c6.metal", quantity: 1000 }, params: { header: { "Idempotency-Key": "job-4" } } })).response.status).toBe(402);

    expect((await a.api.GET("/resources")).data?.data.map((r) => r.id)).toEqual([vm.id]);
    expect((await a.api.GET("/resources/{id}", { params: { path: { id: vm.id } } })).data?.resource.name).toBe("vm-1");
    expect((await a.api.GET("/resources/{id}", { params: { path: { id: crypto.randomUUID() } } })).response.status).toBe(404);
    expect((await a.api.PATCH("/resources/{id}", { params: { path: { id: vm.id } }, body: { tags: { team: "web" } } })).data?.resource.tags).toEqual({ team: "web" });

    const bucket = (await a.api.POST("/resources", { body: { productId: "oss.standard.gb", quantity: 1 }, params: { header: { "Idempotency-Key": "bucket" } } })).data!.resource;
    const event = { eventId: "u-1", resourceId: bucket.id, quantity: 10, occurredAt: "2026-11-20T09:00:00Z" };
    expect((await a.api.POST("/usage", { body: event })).response.status).toBe(202);
    expect((await a.api.POST("/usage", { body: event })).data).toEqual({ eventId: "u-1", replayed: true });
    expect((await a.api.POST("/usage", { body: { ...event, quantity: 11 } })).response.status).toBe(409);
    expect((await a.api.POST("/usage", { body: { ...event, occurredAt: "yesterday" } })).response.status).toBe(400);
    expect((await a.api.POST("/usage", { body: { ...event, eventId: "u-2", resourceId: crypto.randomUUID() } })).response.status).toBe(404);

    const batch = await a.api.POST("/usage/batch", { body: { events: [event, { ...event, eventId: "u-3" }, { ...event, eventId: "u-4", quantity: -1 }] } });
    expect(batch.data).toMatchObject({ accepted: 1, duplicates: 1, errors: 1 });
    expect(batch.data?.results[2]).toMatchObject({ index: 2, status: "error", error: { code: "VALIDATION" } });
    expect((await a.api.POST("/usage/batch", { body: { events: [] } })).response.status).toBe(400);

    expect((await a.api.GET("/balance")).data?.frozen.micros).not.toBe("0");
    expect((await a.api.DELETE("/resources/{id}", { params: { path: { id: vm.id } } })).data?.resource.status).toBe("released");
    expect((await a.api.GET("/usage", { params: { query: { resourceId: bucket.id } } })).data?.data).toEqual([expect.objectContaining({ resourceId: bucket.id, quantity: "20", events: 2 })]);
    const charges = await a.api.GET("/charges", { params: { query: { resourceId: vm.id, limit: 10 } } });
    expect(charges.data?.data.map((c) => [c.resourceId, c.net.currency])).toEqual([[vm.id, "USD"]]);
    expect((await a.api.GET("/charges", { params: { query: { from: "last week" } } })).response.status).toBe(400);

    const feed = await a.api.GET("/events", { params: { query: { limit: 100 } } });
    expect(feed.data?.data.map((e) => e.type)).toEqual(["resource.activated", "resource.activated", "resource.released"]);
    expect((await a.api.GET("/events", { params: { query: { type: ["resource.released"] } } })).data?.data).toHaveLength(1);
    const badLimit = await a.api.GET("/events", { params: { query: { limit: 101 } } });
    expect([badLimit.response.status, Object.keys(badLimit.error?.error.fieldErrors ?? {})]).toEqual([400, ["limit"]]);
  });

  it("a platform key acts on accounts through /accounts/{accountId}; an account key on another's path and a platform key on a plain path are 404", async () => {
    const [last] = await db().select({ seq: max(billingEvents.seq) }).from(billingEvents);
    const start = encodeCursor({ seq: String(last?.seq ?? 0n) });
    const a = await fundedAccount(50);
    const b = await fundedAccount(50);
    const staff = await createUser(db(), { staffRole: "finance" });
    const platform = client((await createPlatformKey(db(), { name: "control plane", userId: staff.id })).key);
    const path = { accountId: b.id };
    const made = await platform.POST("/accounts/{accountId}/resources", { params: { path, header: { "Idempotency-Key": "p-1" } }, body: { productId: "oss.standard.gb", quantity: 1, externalId: "bucket-b" } });
    expect(made.response.status).toBe(201);
    const id = made.data!.resource.id;
    expect((await platform.GET("/accounts/{accountId}/resources", { params: { path } })).data?.data).toHaveLength(1);
    expect((await platform.GET("/accounts/{accountId}/resources/{id}", { params: { path: { ...path, id } } })).data?.resource.externalId).toBe("bucket-b");
    expect((await platform.GET("/accounts/{accountId}/resources/{id}", { params: { path: { accountId: a.id, id } } })).response.status).toBe(404);
    expect((await platform.PATCH("/accounts/{accountId}/resources/{id}", { params: { path: { ...path, id } }, body: { tags: { env: "prod" } } })).data?.resource.tags).toEqual({ env: "prod" });
    const usage = { eventId: "p-u-1", resourceId: id, quantity: 3, occurredAt: "2026-11-20T09:30:00Z" };
    expect((await platform.POST("/accounts/{accountId}/usage", { params: { path }, body: usage })).response.status).toBe(202);
    expect((await platform.POST("/usage/batch", { body: { events: [{ ...usage, eventId: "p-u-2" }] } })).data?.accepted).toBe(1);
    expect((await platform.GET("/accounts/{accountId}/balance", { params: { path } })).data).toEqual((await b.api.GET("/balance")).data);
    expect((await platform.GET("/accounts/{accountId}/usage", { params: { path } })).data?.data).toEqual([expect.objectContaining({ resourceId: id, quantity: "6", events: 2 })]);
    expect((await platform.GET("/accounts/{accountId}/events", { params: { path } })).data?.data.map((e) => e.accountId)).toEqual([b.id]);
    // Every account's events from where this test began (on PostgreSQL other files write theirs meanwhile, some hand-made: only activations here).
    const feed = await platform.GET("/events", { params: { query: { cursor: start, type: ["resource.activated"], limit: 100 } } });
    expect(feed.data?.data.map((e) => e.accountId)).toContain(b.id);
    expect((await platform.DELETE("/accounts/{accountId}/resources/{id}", { params: { path: { ...path, id } } })).data?.resource.status).toBe("released");
    expect((await platform.POST("/accounts/{accountId}/usage", { params: { path }, body: { ...usage, eventId: "p-u-3" } })).response.status).toBe(409);
    expect((await platform.GET("/accounts/{accountId}/charges", { params: { path } })).data?.data.map((c) => c.resourceId)).toEqual([id]);

    const onPlain = await platform.GET("/balance");
    expect([onPlain.response.status, onPlain.error?.error.code]).toEqual([404, "NOT_FOUND"]);
    expect((await platform.GET("/accounts/{accountId}/balance", { params: { path: { accountId: crypto.randomUUID() } } })).response.status).toBe(404);
    expect((await a.api.GET("/accounts/{accountId}/balance", { params: { path } })).response.status).toBe(404);
    expect((await a.api.GET("/accounts/{accountId}/events", { params: { path } })).response.status).toBe(404);
    expect((await a.api.GET("/accounts/{accountId}/resources", { params: { path: { accountId: a.id } } })).response.status).toBe(200);
  });

  it("a platform key creates accounts (201, 200 on a retry, 400, 409), lists and reads them; an account key is 403", async () => {
    const staff = await createUser(db(), { staffRole: "finance" });
    const platform = client((await createPlatformKey(db(), { name: "control plane", userId: staff.id })).key);
    const externalId = `cus_${crypto.randomUUID()}`;
    const body = { name: "Initech Ltd", ownerEmail: `owner-${crypto.randomUUID().slice(0, 8)}@initech.example`, locale: "zh-CN" as const, externalId };
    const made = await platform.POST("/accounts", { body });
    expect(made.response.status).toBe(201);
    const account = made.data!.account;
    expect(account).toMatchObject({ name: "Initech Ltd", externalId });
    const again = await platform.POST("/accounts", { body: { ...body, name: " Initech Ltd " } });
    expect([again.response.status, again.data?.account]).toEqual([200, account]);
    const conflict = await platform.POST("/accounts", { body: { ...body, locale: "en" } });
    expect([conflict.response.status, conflict.error?.error.code]).toEqual([409, "IDEMPOTENCY_CONFLICT"]);
    const bad = await platform.POST("/accounts", { body: { ...body, name: "Initech\u202eLtd", ownerEmail: "not-an-address" } });
    expect(bad.response.status).toBe(400);
    expect(Object.keys(bad.error?.error.fieldErrors ?? {}).sort()).toEqual(["name", "ownerEmail"]);
    // Neither an externalId nor an Idempotency-Key: a retry could not be told from a new customer.
    expect((await platform.POST("/accounts", { body: { name: "Globex", ownerEmail: "hank@globex.example", locale: "en" } })).response.status).toBe(400);
    const keyed = await platform.POST("/accounts", { body: { name: "Globex", ownerEmail: "hank@globex.example", locale: "en" }, params: { header: { "Idempotency-Key": `signup-${crypto.randomUUID()}` } } });
    expect([keyed.response.status, keyed.data?.account.externalId]).toEqual([201, null]);

    expect((await platform.GET("/accounts", { params: { query: { externalId } } })).data).toEqual({ data: [account], nextCursor: null });
    const first = await platform.GET("/accounts", { params: { query: { limit: 1 } } });
    expect(first.data?.data).toHaveLength(1);
    expect(first.data?.nextCursor).toEqual(expect.any(String));
    expect((await platform.GET("/accounts", { params: { query: { cursor: encodeCursor({ seq: "1" }) } } })).response.status).toBe(400);
    const read = await platform.GET("/accounts/{accountId}", { params: { path: { accountId: account.id } } });
    expect(read.data?.account).toMatchObject({ ...account, funds: { available: { micros: "0" }, balance: { micros: "0" }, frozen: { micros: "0" } } });
    expect((await platform.GET("/accounts/{accountId}", { params: { path: { accountId: crypto.randomUUID() } } })).response.status).toBe(404);

    const a = await fundedAccount(10);
    expect((await a.api.POST("/accounts", { body: { ...body, externalId: `cus_${crypto.randomUUID()}` } })).response.status).toBe(403);
    expect((await a.api.GET("/accounts")).response.status).toBe(403);
    expect((await a.api.GET("/accounts/{accountId}", { params: { path: { accountId: a.id } } })).response.status).toBe(403);
  });

  it("over the per-key limit the answer is 429 with Retry-After; the database away is 503 with Retry-After", async () => {
    const a = await fundedAccount(10);
    vi.stubEnv("API_RATE_LIMIT_ACCOUNT", "2");
    const t = new Date("2026-11-20T10:00:07.250Z");
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await atTime(t, () => a.api.GET("/balance"))).response);
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(statuses[2]!.headers.get("retry-after")).toBe("1");
    vi.unstubAllEnvs();

    outage.on = true;
    try {
      const down = await a.api.GET("/resources");
      expect([down.response.status, down.response.headers.get("retry-after"), down.error?.error.code]).toEqual([503, "5", "UNAVAILABLE"]);
    } finally {
      outage.on = false;
    }
  });

  it("a webhook's signed body and signature header match its webhooks entry", async () => {
    const a = await fundedAccount(20);
    // The account's own endpoint: a platform endpoint would also take other files' events on a shared PostgreSQL database.
    const url = `https://receiver.example/hooks/${crypto.randomUUID()}`;
    await db().insert(webhookEndpoints).values({ accountId: a.id, url, eventTypes: [...EVENT_TYPES], secret: newWebhookSecret() });
    const vm = (await a.api.POST("/resources", { body: { productId: "ecs.g7.large", quantity: 1 }, params: { header: { "Idempotency-Key": "w-1" } } })).data!.resource;
    await a.api.DELETE("/resources/{id}", { params: { path: { id: vm.id } } });
    const posted: { headers: Record<string, string>; body: string }[] = [];
    await deliverWebhooks(db(), { accountIds: [a.id], post: async (to, init) => (to === url && posted.push(init), { status: 204 }) });
    expect(posted.map((p) => JSON.parse(p.body).type)).toEqual(["resource.activated", "resource.released"]);
    for (const p of posted) {
      const body = JSON.parse(p.body);
      const hook = doc.webhooks[body.type].post;
      expect(schemaErrors(hook.requestBody.content["application/json"].schema.$ref.split("/").at(-1), body)).toBeNull();
      const header = hook.parameters.find((x: { name: string }) => x.name === "Billing-Signature");
      expect(p.headers["billing-signature"] ?? p.headers["Billing-Signature"]).toMatch(new RegExp(header.schema.pattern));
    }
  });

  it("subscription changes: preview, upgrade (201, 200 on a retry, 402), downgrade and its cancel, auto-renew, for an account key and a platform key", async () => {
    const a = await fundedAccount(300);
    const start = new Date("2026-11-01T00:00:00Z");
    const sub = async (accountId: string) =>
      (await purchaseSubscription(db(), { accountId, productId: "ecs.g7.large.sub", quantity: 1, termMonths: 1, autoRenew: true, actor: { kind: "system" }, idempotencyKey: `s:${crypto.randomUUID()}`, now: start })).resource.id;
    const id = await sub(a.id);
    const now = new Date("2026-11-16T00:00:00Z"); // 15 days left: ($124 − $62) × 15 / 30 = $31
    const path = { id };
    const preview = await atTime(now, () => a.api.POST("/resources/{id}/change/preview", { params: { path }, body: { productId: "ecs.g7.xlarge.sub" } }));
    expect(preview.data?.preview).toMatchObject({ kind: "upgrade", net: { amount: "31.000000" }, effectiveAt: now.toISOString() });
    const header = { "Idempotency-Key": "c-1" };
    const up = await atTime(now, () => a.api.POST("/resources/{id}/change", { params: { path, header }, body: { productId: "ecs.g7.xlarge.sub" } }));
    expect([up.response.status, up.data?.order.type, up.data?.order.net.amount, up.data?.resource.productId]).toEqual([201, "upgrade", "31.000000", "ecs.g7.xlarge.sub"]);
    const again = await atTime(now, () => a.api.POST("/resources/{id}/change", { params: { path, header }, body: { productId: "ecs.g7.xlarge.sub" } }));
    expect([again.response.status, again.data?.order.orderNo]).toEqual([200, up.data?.order.orderNo]);
    const poor = await atTime(now, () => a.api.POST("/resources/{id}/change", { params: { path, header: { "Idempotency-Key": "c-2" } }, body: { quantity: 20 } }));
    expect([poor.response.status, poor.error?.error.code]).toEqual([402, "INSUFFICIENT_FUNDS"]);
    const off = await atTime(now, () => a.api.PUT("/resources/{id}/auto-renew", { params: { path }, body: { autoRenew: false } }));
    expect(off.data?.resource.subscription).toMatchObject({ autoRenew: false, scheduledChange: null });

    const staff = await createUser(db(), { staffRole: "finance" });
    const platform = client((await createPlatformKey(db(), { name: "control plane", userId: staff.id })).key);
    const pp = { accountId: a.id, id };
    const down = await atTime(now, () => platform.POST("/accounts/{accountId}/resources/{id}/change", { params: { path: pp, header: { "Idempotency-Key": "c-3" } }, body: { productId: "ecs.g7.large.sub" } }));
    expect([down.response.status, down.data?.kind, down.data?.resource.subscription?.scheduledChange?.productId]).toEqual([201, "downgrade", "ecs.g7.large.sub"]);
    expect((await atTime(now, () => platform.POST("/accounts/{accountId}/resources/{id}/change/preview", { params: { path: pp }, body: { termMonths: 3 } }))).response.status).toBe(409);
    expect((await atTime(now, () => a.api.DELETE("/resources/{id}/change", { params: { path } }))).data?.resource.subscription?.scheduledChange).toBeNull();
    expect((await atTime(now, () => a.api.DELETE("/resources/{id}/change", { params: { path } }))).response.status).toBe(409);
    await atTime(now, () => platform.POST("/accounts/{accountId}/resources/{id}/change", { params: { path: pp, header: { "Idempotency-Key": "c-4" } }, body: { productId: "ecs.g7.large.sub" } }));
    expect((await atTime(now, () => platform.DELETE("/accounts/{accountId}/resources/{id}/change", { params: { path: pp } }))).data?.resource.subscription?.scheduledChange).toBeNull();
    expect((await atTime(now, () => platform.POST("/accounts/{accountId}/resources/{id}/change/preview", { params: { path: pp }, body: { termMonths: 3 } }))).data?.preview.kind).toBe("extension");
    expect((await atTime(now, () => platform.PUT("/accounts/{accountId}/resources/{id}/auto-renew", { params: { path: pp }, body: { autoRenew: true } }))).data?.resource.subscription?.autoRenew).toBe(true);
    // Another account's key does not reach it.
    const b = await fundedAccount(10);
    expect((await b.api.POST("/resources/{id}/change/preview", { params: { path }, body: { quantity: 2 } })).response.status).toBe(404);
  });

  it("a subscription stopped at expiry: preview and renew (200, 402, 404, 409) for an account key and a platform key", async () => {
    const start = new Date("2026-11-01T00:00:00Z");
    const buy = async (accountId: string) =>
      (await purchaseSubscription(db(), { accountId, productId: "ecs.g7.large.sub", quantity: 1, termMonths: 1, autoRenew: false, actor: { kind: "system" }, idempotencyKey: `s:${crypto.randomUUID()}`, now: start })).resource.id;
    // The subscriptions job stops each at its expiry (one run per account and hour).
    const expire = (accountId: string) => subscriptionsJob(db(), { now: new Date("2026-12-01T00:20:00Z"), accountIds: [accountId] });
    const a = await fundedAccount(300);
    const [first, second] = [await buy(a.id), await buy(a.id)];
    await expire(a.id);
    const now = new Date("2026-12-02T09:00:00Z");
    const preview = await atTime(now, () => a.api.GET("/resources/{id}/renew", { params: { path: { id: first } } }));
    expect(preview.data?.preview).toMatchObject({ price: { amount: "62.000000" }, expiresAt: "2027-01-01T00:00:00.000Z", releaseAt: "2026-12-04T00:00:00.000Z", affordable: true });
    const renewed = await atTime(now, () => a.api.POST("/resources/{id}/renew", { params: { path: { id: first } } }));
    expect([renewed.response.status, renewed.data?.resource.status, renewed.data?.price.amount]).toEqual([200, "running", "62.000000"]);
    const twice = await atTime(now, () => a.api.POST("/resources/{id}/renew", { params: { path: { id: first } } }));
    expect([twice.response.status, twice.error?.error.code]).toEqual([409, "CONFLICT"]);
    expect((await atTime(now, () => a.api.GET("/resources/{id}/renew", { params: { path: { id: crypto.randomUUID() } } }))).response.status).toBe(404);

    const staff = await createUser(db(), { staffRole: "finance" });
    const platform = client((await createPlatformKey(db(), { name: "control plane", userId: staff.id })).key);
    const pp = { accountId: a.id, id: second };
    const viaPlatform = await atTime(now, () => platform.GET("/accounts/{accountId}/resources/{id}/renew", { params: { path: pp } }));
    expect([viaPlatform.response.status, viaPlatform.error?.error.message, viaPlatform.data?.preview.price.amount]).toEqual([200, undefined, "62.000000"]);
    expect((await atTime(now, () => platform.POST("/accounts/{accountId}/resources/{id}/renew", { params: { path: pp } }))).data?.resource.status).toBe("running");

    // Funds short: 402, still stopped; another account's key does not reach it.
    const poor = await fundedAccount(70);
    const id = await buy(poor.id);
    await expire(poor.id);
    const refused = await atTime(now, () => poor.api.POST("/resources/{id}/renew", { params: { path: { id } } }));
    expect([refused.response.status, refused.error?.error.code]).toEqual([402, "INSUFFICIENT_FUNDS"]);
    expect((await atTime(now, () => a.api.POST("/resources/{id}/renew", { params: { path: { id } } }))).response.status).toBe(404);
  });

  it("covered every operation's success and 401, and each documented error kind", () => {
    for (const [method, template] of operations) {
      if (template === "/openapi.json") continue;
      const seen = [...contractSeen].filter((s) => s.startsWith(`${method} ${template} `)).map((s) => s.split(" ")[2]);
      expect(seen.some((s) => s!.startsWith("2")), `${method} ${template} success`).toBe(true);
      expect(seen, `${method} ${template}`).toContain("401");
    }
    const statuses = new Set([...contractSeen].map((s) => s.split(" ")[2]));
    for (const s of ["400", "402", "403", "404", "409", "429", "503"]) expect(statuses, s).toContain(s);
  });
});
