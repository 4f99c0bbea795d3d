import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getBalance } from "@/app/api/v1/balance/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { POST as createResource } from "@/app/api/v1/resources/route";
import { POST as postUsage } from "@/app/api/v1/usage/route";
import { getBalances } from "@/db/queries/balances";
import { ledgerTransactions, paymentRefunds, payments, resources, usageEvents } from "@/db/schema";
import { seedCatalogue } from "@/lib/demo/catalogue";
import { createApiKey } from "@/lib/api/keys";
import { activateResource } from "@/lib/billing/activate";
import { purchaseSubscription } from "@/lib/billing/subscribe";
import { atTime } from "@/lib/clock";
import { topUp, verifyLedger } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { saveProviderMethod } from "@/lib/payments/methods";
import { refundPayment } from "@/lib/payments/refund";
import { testProvider } from "@/lib/payments/registry";
import { TEST_CARDS } from "@/lib/payments/test-provider";
import { requestWireTransfer, topUpWithMethod } from "@/lib/payments/top-up";
import { handleWebhook } from "@/lib/payments/webhooks";
import { createAccount, createUser } from "../fixtures/factories";
import { onPostgres, useTestDb } from "../fixtures/db";

// Enough connections that the parallel requests below really run at once on PostgreSQL.
const h = useTestDb({ max: 12 });
const db = () => h().db;
const noParams = { params: Promise.resolve({}) };
const NOW = new Date("2026-11-20T08:00:00Z");
const parallel = onPostgres() ? " (PostgreSQL, parallel connections)" : "";

function post(path: string, key: string, body: unknown, idempotencyKey?: string) {
  const headers: Record<string, string> = { "content-type": "application/json", authorization: `Bearer ${key}` };
  if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
  return new Request(`http://localhost/api/v1${path}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
}

async function fundedAccount(amount: number) {
  const { account, members } = await createAccount(db(), ["owner"]);
  await topUp(db(), { accountId: account.id, amount: dollars(amount), provider: "test", idempotencyKey: `t:${crypto.randomUUID()}`, actor: { kind: "system" } });
  const { key } = await createApiKey(db(), { accountId: account.id, name: "provisioner", userId: members.owner.id });
  return { accountId: account.id, owner: members.owner, key };
}

const activate = (key: string, body: unknown, idempotencyKey?: string) => atTime(NOW, () => createResource(post("/resources", key, body, idempotencyKey), noParams));
const usage = (key: string, body: unknown) => atTime(NOW, () => postUsage(post("/usage", key, body), noParams));
const frozen = async (key: string) => (await (await getBalance(new Request("http://localhost/api/v1/balance", { headers: { authorization: `Bearer ${key}` } }), noParams)).json()).frozen.micros;
const resourcesOf = (accountId: string) => db().select().from(resources).where(eq(resources.accountId, accountId));

beforeAll(async () => {
  await seedCatalogue(db());
});

describe("an Idempotency-Key is bound to its request", () => {
  it("the same key with another product, quantity or name is 409 IDEMPOTENCY_CONFLICT and changes nothing; the same body again is the first resource", async () => {
    const { accountId, key } = await fundedAccount(100);
    const body = { productId: "ecs.g7.large", quantity: 2, name: "web-1" };
    const first = await activate(key, body, "job-7");
    expect(first.status).toBe(201);
    const { resource } = await first.json();
    const frozenAfterFirst = await frozen(key);

    for (const other of [{ ...body, productId: "gpu.a10.xlarge" }, { ...body, quantity: 3 }, { ...body, name: "web-2" }, { productId: "ecs.g7.large", quantity: 2 }]) {
      const res = await activate(key, other, "job-7");
      expect(res.status).toBe(409);
      const { error } = await res.json();
      expect(error.code).toBe("IDEMPOTENCY_CONFLICT");
      expect(error.message).toMatch(/already used for a request with other terms/);
    }
    expect(await resourcesOf(accountId)).toHaveLength(1);
    expect(await frozen(key)).toBe(frozenAfterFirst);

    // The same request, whatever the order of its fields or the spaces around the name.
    const again = await activate(key, `{"name":"  web-1 ","quantity":2,"productId":"ecs.g7.large"}`, "job-7");
    expect(again.status).toBe(200);
    expect((await again.json()).resource.id).toBe(resource.id);
    expect((await verifyLedger(db())).ok).toBe(true);
  });

  it("an externalId is bound the same way: the same terms under a new key are the same resource, other terms are 409", async () => {
    const { accountId, key } = await fundedAccount(100);
    const body = { productId: "ecs.g7.large", quantity: 1, externalId: "vm-0001" };
    const first = await activate(key, body);
    expect(first.status).toBe(201);
    const { resource } = await first.json();

    const retried = await activate(key, body, "a-fresh-key");
    expect(retried.status).toBe(200);
    expect((await retried.json()).resource.id).toBe(resource.id);

    const other = await activate(key, { ...body, quantity: 4 }, "another-fresh-key");
    expect(other.status).toBe(409);
    expect((await other.json()).error.code).toBe("IDEMPOTENCY_CONFLICT");

    // A key already used for one externalId, sent again naming another: 409, not a second resource.
    const k = await activate(key, { productId: "ecs.g7.large", quantity: 1, externalId: "vm-0002" }, "k-1");
    expect(k.status).toBe(201);
    const moved = await activate(key, { productId: "ecs.g7.large", quantity: 1, externalId: "vm-0003" }, "k-1");
    expect(moved.status).toBe(409);
    expect((await moved.json()).error.code).toBe("IDEMPOTENCY_CONFLICT");
    expect((await resourcesOf(accountId)).map((r) => r.externalId).sort()).toEqual(["vm-0001", "vm-0002"]);
  });

  it(`10 requests at once under one fresh key, 5 with body A and 5 with body B: one resource, its body's requests all get it, the other's all get 409${parallel}`, async () => {
    const { accountId, key } = await fundedAccount(100);
    const A = { productId: "ecs.g7.large", quantity: 1, name: "race-a" };
    const B = { productId: "ecs.g7.large", quantity: 5, name: "race-b" };
    const bodies = [A, B, A, B, A, B, A, B, A, B];
    const answers = await Promise.all(
      bodies.map(async (body) => {
        const res = await activate(key, body, "race-key");
        return { body, status: res.status, json: await res.json() };
      }),
    );
    const created = answers.filter((a) => a.status === 201);
    expect(created).toHaveLength(1);
    const winner = created[0]!.body;
    const wins = answers.filter((a) => a.body === winner);
    const loses = answers.filter((a) => a.body !== winner);
    expect(wins.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(wins.map((a) => a.json.resource.id)).size).toBe(1);
    expect(loses.map((a) => [a.status, a.json.error?.code])).toEqual(Array(5).fill([409, "IDEMPOTENCY_CONFLICT"]));

    const rows = await resourcesOf(accountId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.name).toBe(winner.name);
    const hold = winner === A ? "96000" : "480000"; // one hour of ecs.g7.large × quantity
    expect(await frozen(key)).toBe(hold);
    expect((await verifyLedger(db())).ok).toBe(true);
  });

  it(`two bodies raced under one new externalId (each with its own key): one resource, the other body 409${parallel}`, async () => {
    const { accountId, key } = await fundedAccount(100);
    const A = { productId: "ecs.g7.large", quantity: 1, externalId: "vm-race" };
    const B = { productId: "ecs.g7.large", quantity: 2, externalId: "vm-race" };
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? B : A)).map(async (body, i) => ({ body, res: await activate(key, body, `ext-race-${i}`) })));
    const statuses = answers.map((a) => a.res.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    const winner = answers.find((a) => a.res.status === 201)!.body;
    for (const a of answers) expect(a.res.status).toBe(a.body === winner ? (a.res.status === 201 ? 201 : 200) : 409);
    expect(await resourcesOf(accountId)).toHaveLength(1);
  });
});

describe("a request id from the console is bound to its terms", () => {
  it("an activation or a subscription sent again with the same request id and other terms is refused, changing nothing", async () => {
    const { accountId, owner } = await fundedAccount(500);
    const actor = { kind: "user" as const, userId: owner.id };
    const requestId = crypto.randomUUID();
    const first = await activateResource(db(), { accountId, productId: "ecs.g7.large", quantity: 1, actor, idempotencyKey: `ui:${requestId}`, now: NOW });
    await expect(activateResource(db(), { accountId, productId: "ecs.g7.large", quantity: 2, actor, idempotencyKey: `ui:${requestId}`, now: NOW })).rejects.toMatchObject({ code: "IDEMPOTENCY_CONFLICT" });
    // A subscription form must not pick up the activation either.
    await expect(purchaseSubscription(db(), { accountId, productId: "ecs.g7.large.sub", quantity: 1, termMonths: 1, autoRenew: false, actor, idempotencyKey: `ui:${requestId}`, now: NOW })).rejects.toMatchObject({ code: "IDEMPOTENCY_CONFLICT" });
    const replay = await activateResource(db(), { accountId, productId: "ecs.g7.large", quantity: 1, actor, idempotencyKey: `ui:${requestId}`, now: NOW });
    expect(replay).toMatchObject({ replayed: true, resource: { id: first.resource.id } });

    const subId = crypto.randomUUID();
    const sub = { accountId, productId: "ecs.g7.large.sub", quantity: 1, termMonths: 1 as const, autoRenew: false, actor, idempotencyKey: `ui:${subId}`, now: NOW };
    await purchaseSubscription(db(), sub);
    const balance = (await getBalances(db(), { accountId })).balance;
    await expect(purchaseSubscription(db(), { ...sub, termMonths: 12 })).rejects.toMatchObject({ code: "IDEMPOTENCY_CONFLICT" });
    expect((await getBalances(db(), { accountId })).balance).toBe(balance);
    expect(await resourcesOf(accountId)).toHaveLength(2);
  });
});

describe("a top-up request id is one payment", () => {
  it("the same request id for a card and then a bank transfer (or another amount) is refused, leaving one payment", async () => {
    const { account, members } = await createAccount(db(), ["finance"]);
    const userId = members.finance.id;
    const method = await saveProviderMethod(db(), { accountId: account.id, provider: "test", method: testProvider.tokenizeCard({ number: TEST_CARDS.succeeds, expiry: "12/40", cvc: "123" }), who: { userId } });
    const requestId = crypto.randomUUID();
    expect((await topUpWithMethod(db(), { accountId: account.id, methodId: method.id, amount: dollars(100), requestId, userId })).status).toBe("succeeded");
    await expect(requestWireTransfer(db(), { accountId: account.id, amount: dollars(100), requestId, userId })).rejects.toMatchObject({ code: "IDEMPOTENCY_CONFLICT" });
    await expect(topUpWithMethod(db(), { accountId: account.id, methodId: method.id, amount: dollars(200), requestId, userId })).rejects.toMatchObject({ code: "IDEMPOTENCY_CONFLICT" });

    const wireId = crypto.randomUUID();
    const wire = await requestWireTransfer(db(), { accountId: account.id, amount: dollars(50), requestId: wireId, userId });
    expect((await requestWireTransfer(db(), { accountId: account.id, amount: dollars(50), requestId: wireId, userId })).id).toBe(wire.id);
    await expect(topUpWithMethod(db(), { accountId: account.id, methodId: method.id, amount: dollars(50), requestId: wireId, userId })).rejects.toMatchObject({ code: "IDEMPOTENCY_CONFLICT" });
    expect(await db().select().from(payments).where(eq(payments.accountId, account.id))).toHaveLength(2);
    expect((await getBalances(db(), { accountId: account.id })).balance).toBe(dollars(100));
  });
});

describe("a staff refund's request id is one refund", () => {
  it(`sent again with another amount it is refused; five at once with the same terms refund once${parallel}`, async () => {
    const { account, members } = await createAccount(db(), ["finance"]);
    const userId = members.finance.id;
    const method = await saveProviderMethod(db(), { accountId: account.id, provider: "test", method: testProvider.tokenizeCard({ number: TEST_CARDS.succeeds, expiry: "12/40", cvc: "123" }), who: { userId } });
    const { payment } = await topUpWithMethod(db(), { accountId: account.id, methodId: method.id, amount: dollars(100), requestId: crypto.randomUUID(), userId });
    const staff = await createUser(db(), { staffRole: "finance" });
    const terms = { paymentId: payment.id, amount: dollars(30), reason: "customer asked", requestId: crypto.randomUUID(), staffUserId: staff.id };

    const refunds = await Promise.all(Array.from({ length: 5 }, () => refundPayment(db(), terms)));
    expect(new Set(refunds.map((r) => r.id)).size).toBe(1);
    await expect(refundPayment(db(), { ...terms, amount: dollars(40) })).rejects.toMatchObject({ code: "IDEMPOTENCY_CONFLICT" });
    expect(await db().select().from(paymentRefunds).where(eq(paymentRefunds.paymentId, payment.id))).toHaveLength(1);
    expect((await getBalances(db(), { accountId: account.id })).balance).toBe(dollars(70));
    expect((await verifyLedger(db())).ok).toBe(true);
  });
});

describe("a usage eventId is bound to its event", () => {
  async function meteredResource() {
    const acct = await fundedAccount(20);
    const res = await activate(acct.key, { productId: "oss.standard.gb", quantity: 1 }, "bucket");
    return { ...acct, resourceId: (await res.json()).resource.id as string };
  }

  it("the same eventId with another occurredAt, quantity or resource is 409 IDEMPOTENCY_CONFLICT and records nothing; the same instant written otherwise is a replay", async () => {
    const { accountId, key, resourceId } = await meteredResource();
    const other = await activate(key, { productId: "oss.standard.gb", quantity: 1 }, "bucket-2");
    const otherId = (await other.json()).resource.id as string;
    const event = { eventId: "evt-9", resourceId, quantity: 500, occurredAt: "2026-11-19T10:00:00Z" };
    expect((await usage(key, event)).status).toBe(202);

    for (const changed of [{ ...event, occurredAt: "2026-11-19T11:00:00Z" }, { ...event, quantity: 501 }, { ...event, resourceId: otherId }]) {
      const res = await usage(key, changed);
      expect(res.status).toBe(409);
      expect((await res.json()).error.code).toBe("IDEMPOTENCY_CONFLICT");
    }
    const replay = await usage(key, { ...event, occurredAt: "2026-11-19T18:00:00.000+08:00" });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ eventId: "evt-9", replayed: true });

    const rows = await db().select().from(usageEvents).where(eq(usageEvents.accountId, accountId));
    expect(rows.map((r) => [r.eventId, r.quantity, r.occurredAt.toISOString()])).toEqual([["evt-9", 500n, "2026-11-19T10:00:00.000Z"]]);
  });

  it(`one eventId reported at once with two times: one is recorded, every report of the other time gets 409${parallel}`, async () => {
    const { accountId, key, resourceId } = await meteredResource();
    const times = ["2026-11-19T10:00:00Z", "2026-11-19T12:00:00Z"];
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => times[i % 2]!).map(async (occurredAt) => ({ occurredAt, status: (await usage(key, { eventId: "evt-race", resourceId, quantity: 7, occurredAt })).status })));
    const [row, ...more] = await db().select().from(usageEvents).where(and(eq(usageEvents.accountId, accountId), eq(usageEvents.eventId, "evt-race")));
    expect(more).toHaveLength(0);
    const recorded = times.find((t) => new Date(t).getTime() === row!.occurredAt.getTime());
    for (const a of answers) expect(a.status === 409).toBe(a.occurredAt !== recorded);
    expect(answers.filter((a) => a.status === 202)).toHaveLength(1);
  });
});

describe("payment webhook replays", () => {
  it(`20 replays of one settlement webhook at once: exactly one says duplicate: false, the rest duplicate: true, and the payment is credited once${parallel}`, async () => {
    const { account, members } = await createAccount(db(), ["finance"]);
    const method = await saveProviderMethod(db(), { accountId: account.id, provider: "test", method: testProvider.tokenizeCard({ number: TEST_CARDS.unknown, expiry: "12/40", cvc: "123" }), who: { userId: members.finance.id } });
    const r = await topUpWithMethod(db(), { accountId: account.id, methodId: method.id, amount: dollars(100), requestId: crypto.randomUUID(), userId: members.finance.id });
    expect(r.status).toBe("unknown");
    const [p] = await db().select().from(payments).where(eq(payments.id, r.payment.id));
    const hook = testProvider.settlementWebhook({ providerPaymentId: p!.providerPaymentId!, paymentId: p!.id });

    // What the webhook route answers ({ received, duplicate }) is handleWebhook's result.
    const answers = await Promise.all(Array.from({ length: 20 }, async () => (await handleWebhook(db(), "test", hook.body, hook.headers)).duplicate));
    expect(answers.filter((d) => d === false)).toHaveLength(1);
    expect(answers.filter((d) => d === true)).toHaveLength(19);
    expect((await getBalances(db(), { accountId: account.id })).balance).toBe(dollars(100));
    const credits = await db().select().from(ledgerTransactions).where(and(eq(ledgerTransactions.accountId, account.id), eq(ledgerTransactions.type, "top_up")));
    expect(credits).toHaveLength(1);
    expect((await db().select().from(payments).where(eq(payments.id, p!.id)))[0]!.status).toBe("succeeded");
    expect((await verifyLedger(db())).ok).toBe(true);
  });
});

describe("the OpenAPI document", () => {
  it("says a used key, externalId or eventId with other content is 409 IDEMPOTENCY_CONFLICT", async () => {
    const doc = await (await getOpenApi()).json();
    expect(doc.paths["/resources"].post.responses["409"].description).toMatch(/^IDEMPOTENCY_CONFLICT/);
    expect(doc.paths["/usage"].post.responses["409"].description).toMatch(/^IDEMPOTENCY_CONFLICT/);
    expect(doc.paths["/resources"].post.parameters[0].description).toMatch(/another body is 409 IDEMPOTENCY_CONFLICT/);
  });
});
