import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { apiKeys, auditLog, resources } from "@/db/schema";
import { seedCatalogue } from "@/lib/demo/catalogue";
import { createApiKey, createPlatformKey } from "@/lib/api/keys";
import { API_RATE_LIMITS } from "@/lib/api/rate-limits";
import { atTime } from "@/lib/clock";
import { topUp } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { createAccount, createUser } from "../fixtures/factories";
import { apiRequest } from "../fixtures/api";
import { useTestDb } from "../fixtures/db";
import { checkedModule } from "./api-contract";

// The staff actions run as in Next.js, through staffAction; only the session and the request headers are stood in for.
const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => (await import("../fixtures/sessions")).signedInAs(session.uid) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { createPlatformKeyAction } = await import("@/lib/actions/platform-keys/create-platform-key");
const { revokePlatformKeyAction } = await import("@/lib/actions/platform-keys/revoke-platform-key");
// The twin routes re-export the plain ones; importing the twins checks that they do. Every
// answer is also checked against the OpenAPI document (tests/integration/api-contract.ts).
const twin = {
  resources: checkedModule(await import("@/app/api/v1/accounts/[accountId]/resources/route")),
  resource: checkedModule(await import("@/app/api/v1/accounts/[accountId]/resources/[id]/route")),
  balance: checkedModule(await import("@/app/api/v1/accounts/[accountId]/balance/route")),
  usage: checkedModule(await import("@/app/api/v1/accounts/[accountId]/usage/route")),
};
const plain = { resources: checkedModule(await import("@/app/api/v1/resources/route")), balance: checkedModule(await import("@/app/api/v1/balance/route")) };

const h = useTestDb({ max: 4 });
const db = () => h().db;
const T0 = new Date("2026-11-20T10:00:00.000Z");
const params = (p: Record<string, string> = {}) => ({ params: Promise.resolve(p) });

const req = apiRequest;

async function fundedAccount(amount: number) {
  const { account, members } = await createAccount(db(), ["owner"]);
  await topUp(db(), { accountId: account.id, amount: dollars(amount), provider: "test", idempotencyKey: `t:${crypto.randomUUID()}`, actor: { kind: "system" } });
  const { key, id } = await createApiKey(db(), { accountId: account.id, name: "provisioner", userId: members.owner.id });
  return { account, owner: members.owner, key, keyId: id };
}

async function platformKey(opts: { expiresAt?: Date } = {}) {
  const finance = await createUser(db(), { staffRole: "finance" });
  return atTime(T0, () => createPlatformKey(db(), { name: "control plane", userId: finance.id, expiresAt: opts.expiresAt, now: T0 }));
}

const activate = (key: string, accountId: string, idempotencyKey: string, name: string) =>
  twin.resources.POST(req(`/accounts/${accountId}/resources`, { method: "POST", key, idempotencyKey, body: { productId: "ecs.g7.large", quantity: 1, name } }), params({ accountId }));

describe("platform API keys", () => {
  beforeAll(async () => {
    await seedCatalogue(db());
  });

  it("a platform key activates resources for two accounts under /accounts/{id}, one each under the same Idempotency-Key, and reads them back", async () => {
    const a = await fundedAccount(50);
    const b = await fundedAccount(50);
    const { key } = await platformKey();
    const ra = await activate(key, a.account.id, "job-1", "vm-a");
    const rb = await activate(key, b.account.id, "job-1", "vm-b");
    expect([ra.status, rb.status]).toEqual([201, 201]);
    const [resA, resB] = [(await ra.json()).resource, (await rb.json()).resource];
    expect(resA.id).not.toBe(resB.id);
    // A retry for account a is that account's resource again, not b's.
    const again = await activate(key, a.account.id, "job-1", "vm-a");
    expect(again.status).toBe(200);
    expect((await again.json()).resource.id).toBe(resA.id);

    const listA = await (await twin.resources.GET(req(`/accounts/${a.account.id}/resources`, { key }), params({ accountId: a.account.id }))).json();
    expect(listA.data.map((r: { name: string }) => r.name)).toEqual(["vm-a"]);
    const one = await twin.resource.GET(req(`/accounts/${b.account.id}/resources/${resB.id}`, { key }), params({ accountId: b.account.id, id: resB.id }));
    expect((await one.json()).resource.name).toBe("vm-b");
    // b's resource under a's path is not found.
    expect((await twin.resource.GET(req(`/accounts/${a.account.id}/resources/${resB.id}`, { key }), params({ accountId: a.account.id, id: resB.id }))).status).toBe(404);
    const balance = await (await twin.balance.GET(req(`/accounts/${b.account.id}/balance`, { key }), params({ accountId: b.account.id }))).json();
    expect(balance.frozen.micros).not.toBe("0");
    const bucket = await twin.resources.POST(
      req(`/accounts/${a.account.id}/resources`, { method: "POST", key, idempotencyKey: "bucket", body: { productId: "oss.standard.gb", quantity: 1 } }),
      params({ accountId: a.account.id }),
    );
    const usage = await twin.usage.POST(
      req(`/accounts/${a.account.id}/usage`, { method: "POST", key, body: { eventId: "e1", resourceId: (await bucket.json()).resource.id, quantity: 1, occurredAt: "2026-11-20T09:00:00Z" } }),
      params({ accountId: a.account.id }),
    );
    expect(usage.status).toBe(202);
  });

  it("an unknown or malformed account under a platform key is 404", async () => {
    const { key } = await platformKey();
    for (const accountId of [crypto.randomUUID(), "not-a-uuid"]) {
      const res = await twin.balance.GET(req(`/accounts/${accountId}/balance`, { key }), params({ accountId }));
      expect(res.status).toBe(404);
      expect((await res.json()).error).toMatchObject({ code: "NOT_FOUND", message: "Not found." });
    }
  });

  it("an account key on another account's path is 404 and changes nothing; on its own path it works", async () => {
    const a = await fundedAccount(50);
    const b = await fundedAccount(50);
    const res = await activate(a.key, b.account.id, "x1", "intruder");
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("NOT_FOUND");
    expect((await twin.balance.GET(req(`/accounts/${b.account.id}/balance`, { key: a.key }), params({ accountId: b.account.id }))).status).toBe(404);
    expect(await db().select().from(resources).where(eq(resources.accountId, b.account.id))).toEqual([]);
    expect(await db().select().from(resources).where(eq(resources.accountId, a.account.id))).toEqual([]);

    const own = await activate(a.key, a.account.id, "x1", "mine");
    expect(own.status).toBe(201);
    const list = await (await plain.resources.GET(req("/resources", { key: a.key }), params())).json();
    expect(list.data.map((r: { name: string }) => r.name)).toEqual(["mine"]);
  });

  it("a platform key on a plain path is 404 and says to name the account", async () => {
    const { key } = await platformKey();
    const res = await plain.balance.GET(req("/balance", { key }), params());
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toContain("/api/v1/accounts/{accountId}/");
  });

  it("revoked and expired platform keys are 401", async () => {
    const a = await fundedAccount(10);
    const expiring = await platformKey({ expiresAt: new Date(T0.getTime() + 3_600_000) });
    const path = () => twin.balance.GET(req(`/accounts/${a.account.id}/balance`, { key: expiring.key }), params({ accountId: a.account.id }));
    expect((await atTime(new Date(T0.getTime() + 3_599_000), path)).status).toBe(200);
    const late = await atTime(new Date(T0.getTime() + 3_600_000), path);
    expect(late.status).toBe(401);
    expect((await late.json()).error.code).toBe("UNAUTHENTICATED");

    const finance = await createUser(db(), { staffRole: "finance" });
    session.uid = finance.id;
    const made = await createPlatformKeyAction({ name: "short-lived" });
    if (!made.ok) throw new Error(made.message);
    const ok = await twin.balance.GET(req(`/accounts/${a.account.id}/balance`, { key: made.data.key }), params({ accountId: a.account.id }));
    expect(ok.status).toBe(200);
    expect(await revokePlatformKeyAction({ keyId: made.data.id, reason: "rotated to a new key" })).toMatchObject({ ok: true });
    expect((await twin.balance.GET(req(`/accounts/${a.account.id}/balance`, { key: made.data.key }), params({ accountId: a.account.id }))).status).toBe(401);
  });

  it("support staff cannot create or revoke a platform key; finance can, each audited once, the key shown once and only its hash kept", async () => {
    const support = await createUser(db(), { staffRole: "support" });
    const finance = await createUser(db(), { staffRole: "finance" });
    const name = `pk-${crypto.randomUUID().slice(0, 8)}`;
    session.uid = support.id;
    expect(await createPlatformKeyAction({ name })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await db().select().from(apiKeys).where(eq(apiKeys.name, name))).toEqual([]);

    session.uid = finance.id;
    expect(await createPlatformKeyAction({ name: " " })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { name: ["platformKeys.errors.name"] } });
    expect(await createPlatformKeyAction({ name, expiresOn: "2020-01-01" })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { expiresOn: ["platformKeys.errors.expires"] } });
    expect(await db().select().from(apiKeys).where(eq(apiKeys.name, name))).toEqual([]);
    const made = await createPlatformKeyAction({ name, expiresOn: "2099-06-30" });
    if (!made.ok) throw new Error(made.message);
    const [row] = await db().select().from(apiKeys).where(eq(apiKeys.id, made.data.id));
    expect(row).toMatchObject({ kind: "platform", accountId: null, name, prefix: made.data.key.slice(0, 12), expiresAt: new Date("2099-07-01T00:00:00.000Z") });
    expect(JSON.stringify(row)).not.toContain(made.data.key);

    session.uid = support.id;
    expect(await revokePlatformKeyAction({ keyId: made.data.id, reason: "not mine to revoke" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    session.uid = finance.id;
    expect(await revokePlatformKeyAction({ keyId: made.data.id, reason: "" })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await revokePlatformKeyAction({ keyId: made.data.id, reason: "leaked in a log" })).toMatchObject({ ok: true });
    expect(await revokePlatformKeyAction({ keyId: made.data.id, reason: "leaked in a log" })).toMatchObject({ ok: false, code: "NOT_FOUND" });

    const records = await db().select().from(auditLog).where(and(eq(auditLog.targetType, "api_key"), eq(auditLog.targetId, made.data.id)));
    expect(records.map((r) => r.action).sort()).toEqual(["platform_key.create", "platform_key.revoke"]);
    for (const r of records) expect(r).toMatchObject({ actorUserId: finance.id, actorKind: "staff", accountId: null });
    expect(records.find((r) => r.action === "platform_key.revoke")!.reason).toBe("leaked in a log");
    expect(JSON.stringify(records.map((r) => [r.data, r.reason]))).not.toContain(made.data.key);
  });

  it("over the per-key limit within one second the answer is 429 with Retry-After; the next second passes again", async () => {
    const a = await fundedAccount(10);
    const t = new Date("2026-11-20T10:00:05.300Z");
    const call = (key: string, path: string, p: Record<string, string>) => plain.balance.GET(req(path, { key }), params(p));
    const statuses: number[] = [];
    for (let i = 0; i < API_RATE_LIMITS.account; i++) statuses.push((await atTime(t, () => call(a.key, "/balance", {}))).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const over = await atTime(t, () => call(a.key, "/balance", {}));
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toBe("1");
    expect((await over.json()).error.code).toBe("RATE_LIMITED");
    // The same second through the twin path counts against the same key.
    expect((await atTime(t, () => twin.balance.GET(req(`/accounts/${a.account.id}/balance`, { key: a.key }), params({ accountId: a.account.id })))).status).toBe(429);
    // Another key is not held up by this one's traffic.
    const b = await fundedAccount(10);
    expect((await atTime(t, () => call(b.key, "/balance", {}))).status).toBe(200);
    expect((await atTime(new Date(t.getTime() + 700), () => call(a.key, "/balance", {}))).status).toBe(200);
  });

  it("a platform key has its own, higher limit, and the limits can be set by the environment", async () => {
    const a = await fundedAccount(10);
    const { key } = await platformKey();
    const path = () => twin.balance.GET(req(`/accounts/${a.account.id}/balance`, { key }), params({ accountId: a.account.id }));
    const t = new Date("2026-11-20T11:00:00.000Z");
    const statuses: number[] = [];
    for (let i = 0; i <= API_RATE_LIMITS.account; i++) statuses.push((await atTime(t, path)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    vi.stubEnv("API_RATE_LIMIT_PLATFORM", "3");
    try {
      const next = new Date(t.getTime() + 1000);
      const few: number[] = [];
      for (let i = 0; i < 4; i++) few.push((await atTime(next, path)).status);
      expect(few).toEqual([200, 200, 200, 429]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
