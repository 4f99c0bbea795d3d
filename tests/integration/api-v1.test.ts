import { beforeAll, describe, expect, it } from "vitest";
import * as balanceRoute from "@/app/api/v1/balance/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import * as resourceRoute from "@/app/api/v1/resources/[id]/route";
import * as resourcesRoute from "@/app/api/v1/resources/route";
import * as usageRoute from "@/app/api/v1/usage/route";
import { seedCatalogue } from "@/lib/demo/catalogue";
import { createApiKey, revokeApiKey } from "@/lib/api/keys";
import { topUp } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { createAccount } from "../fixtures/factories";
import { apiRequest } from "../fixtures/api";
import { useTestDb } from "../fixtures/db";
import { checkedRoute } from "./api-contract";

// Every answer is also checked against the OpenAPI document (status, headers, body).
const getBalance = checkedRoute(balanceRoute.GET);
const deleteResource = checkedRoute(resourceRoute.DELETE);
const createResource = checkedRoute(resourcesRoute.POST);
const postUsage = checkedRoute(usageRoute.POST);

const h = useTestDb();
const noParams = { params: Promise.resolve({}) };

const req = apiRequest;

async function fundedAccount(amount: number) {
  const { account, members } = await createAccount(h().db, ["owner"]);
  if (amount > 0) await topUp(h().db, { accountId: account.id, amount: dollars(amount), provider: "test", idempotencyKey: `t:${crypto.randomUUID()}`, actor: { kind: "system" } });
  const { key, id } = await createApiKey(h().db, { accountId: account.id, name: "provisioner", userId: members.owner.id });
  return { account, owner: members.owner, key, keyId: id };
}

describe("provisioning API", () => {
  beforeAll(async () => {
    await seedCatalogue(h().db);
  });

  it("refuses requests without a valid key", async () => {
    const res = await createResource(req("/resources", { method: "POST", body: { productId: "ecs.g7.large", quantity: 1 } }), noParams);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("UNAUTHENTICATED");
    expect((await getBalance(req("/balance", { key: "bck_not-a-real-key" }), noParams)).status).toBe(401);
  });

  it("activates once per idempotency key, shows the hold in the balance, and releases", async () => {
    const { key } = await fundedAccount(100);
    const body = { productId: "gpu.a10.xlarge", quantity: 2, name: "api-gpu" };
    const first = await createResource(req("/resources", { method: "POST", key, body, idempotencyKey: "job-42" }), noParams);
    expect(first.status).toBe(201);
    const { resource } = await first.json();
    const again = await createResource(req("/resources", { method: "POST", key, body, idempotencyKey: "job-42" }), noParams);
    expect(again.status).toBe(200);
    expect((await again.json()).resource.id).toBe(resource.id);

    const balance = await (await getBalance(req("/balance", { key }), noParams)).json();
    expect(balance.frozen).toEqual({ amount: "2.900000", micros: "2900000", currency: "USD" });
    expect(balance.available.amount).toBe("97.100000");

    const released = await deleteResource(req(`/resources/${resource.id}`, { method: "DELETE", key }), { params: Promise.resolve({ id: resource.id }) });
    expect(released.status).toBe(200);
    expect((await released.json()).resource.status).toBe("released");
    const after = await (await getBalance(req("/balance", { key }), noParams)).json();
    expect(after.frozen.micros).toBe("0");
  });

  it("says what is wrong with bad input, and refuses what funds cannot cover, changing nothing", async () => {
    const { key } = await fundedAccount(1);
    const bad = await createResource(req("/resources", { method: "POST", key, body: { productId: "ecs.g7.large", quantity: 0 }, idempotencyKey: "x" }), noParams);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fieldErrors.quantity).toBeDefined();
    const noKey = await createResource(req("/resources", { method: "POST", key, body: { productId: "ecs.g7.large", quantity: 1 } }), noParams);
    expect(noKey.status).toBe(400);
    const short = await createResource(req("/resources", { method: "POST", key, body: { productId: "bms.c6.metal", quantity: 1 }, idempotencyKey: "big" }), noParams);
    expect(short.status).toBe(402);
    expect((await short.json()).error.code).toBe("INSUFFICIENT_FUNDS");
    const balance = await (await getBalance(req("/balance", { key }), noParams)).json();
    expect(balance).toMatchObject({ balance: { micros: "1000000" }, frozen: { micros: "0" } });
  });

  it("another account's resource is not found, and a revoked key stops working", async () => {
    const a = await fundedAccount(50);
    const b = await fundedAccount(50);
    const { resource } = await (await createResource(req("/resources", { method: "POST", key: a.key, body: { productId: "ecs.g7.large", quantity: 1 }, idempotencyKey: "a1" }), noParams)).json();
    const res = await deleteResource(req(`/resources/${resource.id}`, { method: "DELETE", key: b.key }), { params: Promise.resolve({ id: resource.id }) });
    expect(res.status).toBe(404);
    await revokeApiKey(h().db, { accountId: a.account.id, keyId: a.keyId, userId: a.owner.id });
    expect((await getBalance(req("/balance", { key: a.key }), noParams)).status).toBe(401);
  });

  it("counts a usage event once however often it is reported", async () => {
    const { key } = await fundedAccount(20);
    const { resource } = await (await createResource(req("/resources", { method: "POST", key, body: { productId: "oss.standard.gb", quantity: 1 }, idempotencyKey: "bucket" }), noParams)).json();
    const event = { eventId: "evt-1", resourceId: resource.id, quantity: 500, occurredAt: "2026-11-27T10:00:00Z" };
    expect((await postUsage(req("/usage", { method: "POST", key, body: event }), noParams)).status).toBe(202);
    const replay = await postUsage(req("/usage", { method: "POST", key, body: event }), noParams);
    expect(replay.status).toBe(200);
    expect((await replay.json()).replayed).toBe(true);
  });

  it("publishes an OpenAPI document of every route", async () => {
    const doc = await (await getOpenApi()).json();
    expect(doc.openapi).toBe("3.1.0");
    // Every route is in it, both ways: tests/integration/api-contract.test.ts.
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/balance", "/resources", "/resources/{id}", "/usage", "/accounts/{accountId}/resources"]));
  });
});
