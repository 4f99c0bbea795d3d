import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billingEvents, paymentMethods, payments, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { withTx } from "@/db/tx";
import { newWebhookSecret, verifySignature } from "@/lib/alerts/signature";
import { activateResource } from "@/lib/billing/activate";
import { releaseResource } from "@/lib/billing/release";
import { purchaseSubscription } from "@/lib/billing/subscribe";
import { atTime } from "@/lib/clock";
import { issueInvoice } from "@/lib/invoices/issue";
import { subscriptionsJob } from "@/lib/jobs/subscriptions";
import { envelopeSchema, eventJsonSchemas, moneyJson } from "@/lib/events/catalogue";
import { emitEvent, eventId } from "@/lib/events/emit";
import type { EventType } from "@/lib/events/types";
import { billingCycleJob } from "@/lib/jobs/billing-cycle";
import { deliverWebhooks, webhookRetryDelayMs } from "@/lib/jobs/deliver-webhooks";
import { overdueJob } from "@/lib/jobs/overdue";
import { topUp } from "@/lib/ledger";
import { failPayment, settlePayment } from "@/lib/payments/settle";
import { TEST_CARDS, testToken } from "@/lib/payments/test-provider";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount } from "../fixtures/factories";
import { key, system } from "../fixtures/ledger";

const handle = useTestDb({ max: 6 });
const db = () => handle().db;
const H = 3_600_000;
const M = 60_000;
const endpoints: string[] = [];

/** A receiver on a random port: records every request; `answer` decides the status per event id. */
let server: Server;
let base = "";
let received: { headers: IncomingMessage["headers"]; body: string; id: string; type: string }[] = [];
let answer: (eventId: string) => number = () => 200;
beforeAll(async () => {
  await ensureCatalogue(db());
  server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => {
      const id = String(req.headers["billing-event-id"]);
      received.push({ headers: req.headers, body, id, type: String(req.headers["billing-event-type"]) });
      res.writeHead(answer(id)).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  // Platform endpoints get every account's events: disabled when done, so no other file's events queue to them.
  if (endpoints.length) await db().update(webhookEndpoints).set({ disabledAt: new Date("2000-01-01T00:00:00Z") }).where(inArray(webhookEndpoints.id, endpoints));
  await new Promise<void>((r) => server.close(() => r()));
});

async function endpoint(v: { accountId?: string | null; types: EventType[]; disabled?: boolean; secret?: string; previousSecret?: string; previousUntil?: Date }) {
  const [row] = await db()
    .insert(webhookEndpoints)
    .values({
      accountId: v.accountId ?? null, url: `${base}/hook`, eventTypes: v.types, secret: v.secret ?? newWebhookSecret(), previousSecret: v.previousSecret ?? null,
      previousSecretExpiresAt: v.previousUntil ?? null, disabledAt: v.disabled ? new Date("2000-01-01T00:00:00Z") : null,
    })
    .returning();
  if (!v.accountId) endpoints.push(row!.id);
  return row!;
}

const eventsOf = async (accountId: string) => (await db().select().from(billingEvents).where(eq(billingEvents.accountId, accountId)).orderBy(asc(billingEvents.seq))).map((e) => ({ ...e, json: JSON.parse(e.body) }));
const deliveriesOf = async (accountId: string) => db().select().from(webhookDeliveries).where(eq(webhookDeliveries.accountId, accountId)).orderBy(asc(webhookDeliveries.eventSeq));
const lowFunds = (n: number) => ({ available: moneyJson(5_000_000n), threshold: moneyJson(20_000_000n), reminder: n, maxReminders: 7 });

describe("the catalogue", () => {
  it("refuses bad data and writes nothing; a written body matches its envelope schema", async () => {
    const { account } = await createAccount(db(), ["owner"]);
    const at = new Date("2051-01-01T00:00:00Z");
    const bad = [
      { available: { amount: "5", micros: "5000000", currency: "USD" }, threshold: moneyJson(1n), reminder: 1, maxReminders: 7 }, // amount without its six decimals
      { ...lowFunds(1), reminder: 0 },
      { ...lowFunds(1), extra: true },
      { ...lowFunds(1), available: { ...moneyJson(1n), currency: "EUR" } },
    ];
    for (const data of bad) {
      await expect(emitEvent(db(), { accountId: account.id, type: "balance.low", key: key("bad"), occurredAt: at, data: data as never })).rejects.toMatchObject({ code: "VALIDATION" });
    }
    await expect(emitEvent(db(), { accountId: account.id, type: "resource.released", key: "x", occurredAt: at, data: { reason: "boredom" } as never })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await eventsOf(account.id)).toEqual([]);

    expect(await emitEvent(db(), { accountId: account.id, type: "balance.low", key: "ep:1", occurredAt: at, data: lowFunds(1) })).toBe(true);
    // The same change emitted again (a retried transaction) writes nothing new.
    expect(await emitEvent(db(), { accountId: account.id, type: "balance.low", key: "ep:1", occurredAt: at, data: lowFunds(1) })).toBe(false);
    expect(await eventsOf(account.id)).toHaveLength(1);
    const [e] = await eventsOf(account.id);
    expect(e!.eventId).toBe(eventId("balance.low", account.id, "ep:1"));
    expect(envelopeSchema("balance.low").parse(e!.json)).toMatchObject({ id: e!.eventId, type: "balance.low", apiVersion: 1, createdAt: at.toISOString(), accountId: account.id, reminder: 1, threshold: "20.000000" });
  });
});

describe("writing events with their change", () => {
  it("a rolled-back change leaves no event; a retried one writes its event and deliveries once", async () => {
    const { account } = await createAccount(db(), ["owner"]);
    await topUp(db(), { accountId: account.id, amount: 10_000_000n, provider: "test", idempotencyKey: key("t"), actor: system });
    const at = new Date("2051-02-01T00:00:00Z");
    const requestKey = key("activate");
    await expect(
      withTx(db(), async (tx) => {
        await activateResource(tx, { accountId: account.id, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: requestKey, now: at });
        throw new Error("the caller fails after activating");
      }),
    ).rejects.toThrow("the caller fails");
    expect(await eventsOf(account.id)).toEqual([]);

    const own = await endpoint({ accountId: account.id, types: ["resource.activated", "resource.released"] });
    const { resource } = await activateResource(db(), { accountId: account.id, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: requestKey, now: at });
    await activateResource(db(), { accountId: account.id, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: requestKey, now: at }); // a retried request
    await releaseResource(db(), { accountId: account.id, resourceId: resource.id, actor: system, now: new Date(at.getTime() + H) });
    await releaseResource(db(), { accountId: account.id, resourceId: resource.id, actor: system, now: new Date(at.getTime() + 2 * H) });
    const events = await eventsOf(account.id);
    expect(events.map((e) => e.type)).toEqual(["resource.activated", "resource.released"]);
    expect(events[0]!.json.data).toEqual({ resource: { id: resource.id, accountId: account.id, productId: "test.hourly", name: resource.name, externalId: null, status: "running" }, activatedAt: at.toISOString() });
    expect(events[1]!.json.data).toMatchObject({ reason: "customer" });
    expect((await deliveriesOf(account.id)).map((d) => [d.endpointId, d.status])).toEqual([
      [own.id, "pending"],
      [own.id, "pending"],
    ]);
  });

  it("fan-out: every enabled platform endpoint of the type and the account's own, nobody else's", async () => {
    const x = (await createAccount(db(), ["owner"])).account.id;
    const y = (await createAccount(db(), ["owner"])).account.id;
    const all = await endpoint({ types: ["balance.low", "invoice.issued"] });
    const off = await endpoint({ types: ["balance.low"], disabled: true });
    const other = await endpoint({ types: ["invoice.issued"] });
    const xOwn = await endpoint({ accountId: x, types: ["balance.low"] });
    const yOwn = await endpoint({ accountId: y, types: ["balance.low"] });
    const at = new Date("2051-03-01T00:00:00Z");
    await emitEvent(db(), { accountId: x, type: "balance.low", key: "ep:1", occurredAt: at, data: lowFunds(1) });
    const mine = new Set([all.id, off.id, other.id, xOwn.id, yOwn.id]);
    const queued = (await deliveriesOf(x)).filter((d) => mine.has(d.endpointId));
    expect(queued.map((d) => d.endpointId).sort()).toEqual([all.id, xOwn.id].sort());
    expect(queued[0]).toMatchObject({ status: "pending", attempts: 0, nextAttemptAt: at, retryUntil: new Date(at.getTime() + 72 * H) });
    expect(await deliveriesOf(y)).toEqual([]);
    await db().update(webhookEndpoints).set({ disabledAt: at }).where(inArray(webhookEndpoints.id, [all.id, other.id]));
  });

  it("overdue → stopped → top-up → resumed: each step's event, in order, with the change", async () => {
    const { account } = await createAccount(db(), ["admin"]);
    const acct = account.id;
    const t0 = new Date("2052-05-01T10:00:00Z");
    const at = (h: number) => new Date(t0.getTime() + h * H);
    await topUp(db(), { accountId: acct, amount: 100_000n, provider: "test", idempotencyKey: key("topup"), actor: system });
    await db().insert(paymentMethods).values({ accountId: acct, provider: "test", kind: "card", label: "Visa", brand: "visa", last4: "0002", providerToken: testToken(TEST_CARDS.declined), isDefault: true });
    const { resource } = await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("a"), now: t0 });
    const tick = async (h: number) => {
      for (let i = 0; i < 2; i++) {
        await billingCycleJob(db(), { now: at(h), accountIds: [acct] });
        await overdueJob(db(), { now: at(h), accountIds: [acct] });
      }
    };
    await tick(1.1);
    await tick(3.1);
    await topUp(db(), { accountId: acct, amount: 10_000_000n, provider: "test", idempotencyKey: key("fund"), actor: system });
    await tick(3.2);
    const all = await eventsOf(acct);
    // Each run's automatic charge of the declined card is its own payment.failed.
    expect(all.filter((e) => e.type === "payment.failed").map((e) => e.json.data.payment.purpose)).toEqual(["overrun", "overrun"]);
    const events = all.filter((e) => !e.type.startsWith("payment."));
    expect(events.map((e) => e.type)).toEqual(["resource.activated", "account.overdue", "resource.stopped", "resource.resumed", "account.recovered"]);
    expect(events[1]!.json.data).toMatchObject({ overdueSince: at(1.1).toISOString(), available: { currency: "USD" } });
    expect(events[2]!.json.data).toMatchObject({ resource: { id: resource.id, status: "stopped" }, reason: "overdue", stoppedAt: at(3.1).toISOString(), releaseAt: at(75.1).toISOString() });
    expect(events[3]!.json.data).toMatchObject({ resource: { id: resource.id, status: "running" }, resumedAt: at(3.2).toISOString() });
    expect(events[4]!.json.data).toMatchObject({ resumedResourceIds: [resource.id], recoveredAt: at(3.2).toISOString() });
    for (const e of events) expect(envelopeSchema(e.type as EventType).safeParse(e.json).success).toBe(true);
  });

  it("a payment's success and failure are events of its settlement, once each", async () => {
    const { account, members } = await createAccount(db(), ["owner"]);
    const at = new Date("2052-06-01T00:00:00Z");
    const pay = async () => (await db().insert(payments).values({ accountId: account.id, userId: members.owner.id, provider: "test", amount: 25_000_000n, purpose: "top_up", idempotencyKey: key("p"), createdAt: at }).returning())[0]!;
    const ok = await pay();
    // Settled in a transaction that then fails: neither the credit nor its event remain.
    await expect(
      withTx(db(), async (tx) => {
        await settlePayment(tx, ok.id, { now: at });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await eventsOf(account.id)).toEqual([]);
    await settlePayment(db(), ok.id, { now: at });
    await settlePayment(db(), ok.id, { now: at }); // a replayed webhook
    const no = await pay();
    await failPayment(db(), no.id, "Your card was declined.", { now: at });
    await failPayment(db(), no.id, "Your card was declined.", { now: at });
    const events = await eventsOf(account.id);
    expect(events.map((e) => [e.type, e.json.data.payment.id])).toEqual([
      ["payment.succeeded", ok.id],
      ["payment.failed", no.id],
    ]);
    expect(events[0]!.json.data.payment).toMatchObject({ amount: { amount: "25.000000", micros: "25000000", currency: "USD" }, purpose: "top_up", provider: "test", settledAt: at.toISOString() });
    expect(events[1]!.json.data.payment).toMatchObject({ failureReason: "Your card was declined." });
  });
});

describe("subscriptions and invoices", () => {
  it("a subscription's reminders (one per step), its expiry and release; another's renewal", async () => {
    const { account } = await createAccount(db(), ["admin"]);
    const acct = account.id;
    const start = new Date("2057-01-10T09:00:00Z");
    const exp = new Date("2057-02-10T09:00:00Z").getTime();
    await topUp(db(), { accountId: acct, amount: 10_000_000n, provider: "test", idempotencyKey: key("t"), actor: system });
    const { resource } = await purchaseSubscription(db(), { accountId: acct, productId: "test.sub", quantity: 1, termMonths: 1, autoRenew: true, actor: system, idempotencyKey: key("sub"), now: start });
    for (const t of [exp - 7 * 24 * H + H, exp - 6 * 24 * H, exp - 47 * H, exp - 23 * H, exp - 2 * H, exp + 20 * M, exp + 72 * H + 20 * M]) await subscriptionsJob(db(), { now: new Date(t), accountIds: [acct] });
    const events = await eventsOf(acct);
    expect(events.map((e) => [e.type, e.json.data.reminder ?? e.json.data.reason ?? null])).toEqual([
      ["resource.activated", null],
      ["subscription.expiring", "7d"],
      ["subscription.expiring", "48h"],
      ["subscription.expiring", "24h"],
      // Stopped at expiry, released 72 hours later (not renewed).
      ["resource.stopped", "expiry"],
      ["subscription.expired", null],
      ["resource.released", "expiry"],
    ]);
    expect(events[1]!.json.data).toMatchObject({ resource: { id: resource.id }, autoRenew: true, expiresAt: new Date(exp).toISOString(), renewalPrice: { amount: "10.000000" } });
    expect(events[4]!.json).toMatchObject({ apiVersion: 2, data: { stoppedAt: new Date(exp).toISOString(), releaseAt: new Date(exp + 72 * H).toISOString() } });
    expect(events[5]!.json.data).toMatchObject({ resource: { id: resource.id, status: "stopped" }, expiresAt: new Date(exp).toISOString() });
    expect(events[6]!.json.data).toMatchObject({ resource: { id: resource.id, status: "expired" } });

    const other = (await createAccount(db(), ["admin"])).account.id;
    await topUp(db(), { accountId: other, amount: 100_000_000n, provider: "test", idempotencyKey: key("t"), actor: system });
    await purchaseSubscription(db(), { accountId: other, productId: "test.sub", quantity: 1, termMonths: 1, autoRenew: true, actor: system, idempotencyKey: key("sub"), now: start });
    await subscriptionsJob(db(), { now: new Date(exp + 20 * M), accountIds: [other] });
    const renewed = (await eventsOf(other)).filter((e) => e.type === "subscription.renewed");
    expect(renewed.map((e) => e.json.data)).toEqual([
      expect.objectContaining({ previousExpiresAt: new Date(exp).toISOString(), expiresAt: "2057-03-10T09:00:00.000Z", price: { amount: "10.000000", micros: "10000000", currency: "USD" } }),
    ]);
  });

  it("invoice.issued is written with the invoice, once", async () => {
    const { account } = await createAccount(db(), ["admin"]);
    await atTime(new Date("2058-03-10T00:00:00Z"), () => topUp(db(), { accountId: account.id, amount: 10_000_000n, provider: "test", idempotencyKey: key("t"), actor: system }));
    const now = new Date("2058-04-05T01:00:00Z");
    const r = await issueInvoice(db(), { accountId: account.id, period: "2058-03", now, notify: false });
    await issueInvoice(db(), { accountId: account.id, period: "2058-03", now, notify: false });
    expect(r.status).toBe("issued");
    const events = await eventsOf(account.id);
    expect(events.map((e) => e.type)).toEqual(["invoice.issued"]);
    const inv = r.status === "issued" ? r.invoice : null;
    expect(events[0]!.json.data.invoice).toMatchObject({ id: inv!.id, number: inv!.number, period: "2058-03", issuedAt: now.toISOString(), total: { micros: inv!.total.toString() } });
  });

  it("every event type's envelope exports as JSON Schema (for the OpenAPI webhooks section)", () => {
    const schemas = eventJsonSchemas() as Record<string, { properties?: Record<string, unknown> }>;
    expect(Object.keys(schemas)).toHaveLength(15);
    expect(schemas["budget.threshold_crossed"]!.properties).toHaveProperty("data");
    expect(schemas["credit_note.issued"]!.properties).toHaveProperty("data");
    for (const s of Object.values(schemas)) expect(Object.keys(s.properties ?? {})).toEqual(expect.arrayContaining(["id", "type", "apiVersion", "createdAt", "accountId", "data"]));
  });
});

describe("delivery", () => {
  it("in order per account: a failing first event holds back the second until it is delivered; signed, with its headers and latency", async () => {
    const { account } = await createAccount(db(), ["owner"]);
    const own = await endpoint({ accountId: account.id, types: ["balance.low"] });
    const t0 = new Date("2053-01-01T00:00:00Z");
    await emitEvent(db(), { accountId: account.id, type: "balance.low", key: "e:1", occurredAt: t0, data: lowFunds(1) });
    await emitEvent(db(), { accountId: account.id, type: "balance.low", key: "e:2", occurredAt: t0, data: lowFunds(2) });
    const [first, second] = [eventId("balance.low", account.id, "e:1"), eventId("balance.low", account.id, "e:2")];
    received = [];
    answer = (id) => (id === first ? 500 : 200);
    const run = (ms: number) => deliverWebhooks(db(), { now: new Date(t0.getTime() + ms), accountIds: [account.id] });

    expect(await run(0)).toEqual({ delivered: 0, failed: 1 });
    expect(await run(30_000)).toEqual({ delivered: 0, failed: 0 }); // the first waits its minute; the second waits for the first
    expect(received.map((r) => r.id)).toEqual([first]);
    const [d1, d2] = await deliveriesOf(account.id);
    expect(d1).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: "HTTP 500", lastAttemptAt: t0, nextAttemptAt: new Date(t0.getTime() + M) });
    expect(d1!.lastLatencyMs).toBeGreaterThanOrEqual(0);
    expect(d2).toMatchObject({ status: "pending", attempts: 0 });

    answer = () => 200;
    expect(await run(M)).toEqual({ delivered: 2, failed: 0 });
    expect(received.map((r) => r.id)).toEqual([first, first, second]);
    expect((await deliveriesOf(account.id)).map((d) => [d.endpointId, d.status, d.attempts, d.lastStatusCode])).toEqual([
      [own.id, "delivered", 2, 200],
      [own.id, "delivered", 1, 200],
    ]);
    const r = received[2]!;
    expect(r.headers).toMatchObject({ "content-type": "application/json", "user-agent": "BillingCenter-Webhooks/1", "billing-event-id": second, "billing-event-type": "balance.low" });
    const sentAt = Math.floor((t0.getTime() + M) / 1000);
    expect(verifySignature(r.headers["billing-signature"] as string, r.body, own.secret, { now: sentAt })).toEqual({ ok: true, timestamp: sentAt });
    expect(JSON.parse(r.body)).toMatchObject({ id: second, type: "balance.low", accountId: account.id, data: { reminder: 2 } });
  });

  it("backoff 1 min doubling to 1 h, given up after 3 days; then the next event goes", async () => {
    const { account } = await createAccount(db(), ["owner"]);
    await endpoint({ accountId: account.id, types: ["balance.low"] });
    const t0 = new Date("2054-01-01T00:00:00Z");
    await emitEvent(db(), { accountId: account.id, type: "balance.low", key: "e:1", occurredAt: t0, data: lowFunds(1) });
    await emitEvent(db(), { accountId: account.id, type: "balance.low", key: "e:2", occurredAt: new Date(t0.getTime() + 71 * H), data: lowFunds(2) });
    const [first, second] = [eventId("balance.low", account.id, "e:1"), eventId("balance.low", account.id, "e:2")];
    received = [];
    answer = (id) => (id === first ? 503 : 200);
    const gaps: number[] = [];
    let now = t0;
    for (let i = 0; i < 200; i++) {
      await deliverWebhooks(db(), { now, accountIds: [account.id] });
      const [d] = await deliveriesOf(account.id);
      if (d!.status !== "pending") break;
      gaps.push((d!.nextAttemptAt.getTime() - now.getTime()) / M);
      now = d!.nextAttemptAt;
    }
    expect(gaps.slice(0, 8)).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    expect(webhookRetryDelayMs(20)).toBe(H);
    const [d1, d2] = await deliveriesOf(account.id);
    expect(d1!.status).toBe("failed");
    expect(d1!.lastAttemptAt!.getTime()).toBeLessThanOrEqual(t0.getTime() + 72 * H);
    expect(d1!.lastAttemptAt!.getTime()).toBeGreaterThan(t0.getTime() + 71 * H);
    // The failed one no longer blocks: the second was delivered in the same run that gave up.
    expect(d2).toMatchObject({ status: "delivered", attempts: 1 });
    expect(received.filter((r) => r.id === second)).toHaveLength(1);
    expect(received.filter((r) => r.id === first).length).toBe(d1!.attempts);
  });

  it("during a rotation's overlap both secrets verify (current first); after it only the new one", async () => {
    const { account } = await createAccount(db(), ["owner"]);
    const [oldSecret, newSecret] = [newWebhookSecret(), newWebhookSecret()];
    const t0 = new Date("2055-01-01T00:00:00Z");
    await endpoint({ accountId: account.id, types: ["balance.low"], secret: newSecret, previousSecret: oldSecret, previousUntil: new Date(t0.getTime() + H) });
    await emitEvent(db(), { accountId: account.id, type: "balance.low", key: "e:1", occurredAt: t0, data: lowFunds(1) });
    await emitEvent(db(), { accountId: account.id, type: "balance.low", key: "e:2", occurredAt: new Date(t0.getTime() + 2 * H), data: lowFunds(2) });
    received = [];
    answer = () => 200;
    await deliverWebhooks(db(), { now: t0, accountIds: [account.id] });
    await deliverWebhooks(db(), { now: new Date(t0.getTime() + 2 * H), accountIds: [account.id] });
    const [during, after] = received;
    const ts = (r: typeof during) => Number(/t=(\d+)/.exec(r!.headers["billing-signature"] as string)![1]);
    const sig = (r: typeof during) => r!.headers["billing-signature"] as string;
    expect(sig(during).match(/v1=/g)).toHaveLength(2);
    expect(verifySignature(sig(during), during!.body, newSecret, { now: ts(during) }).ok).toBe(true);
    expect(verifySignature(sig(during), during!.body, oldSecret, { now: ts(during) }).ok).toBe(true);
    // Current secret first.
    expect(verifySignature(sig(during).split(",").slice(0, 2).join(","), during!.body, newSecret, { now: ts(during) }).ok).toBe(true);
    expect(sig(after).match(/v1=/g)).toHaveLength(1);
    expect(verifySignature(sig(after), after!.body, newSecret, { now: ts(after) }).ok).toBe(true);
    expect(verifySignature(sig(after), after!.body, oldSecret, { now: ts(after) })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("a redirect is an answer, not followed: retried later like any other non-2xx", async () => {
    const { account } = await createAccount(db(), ["owner"]);
    await endpoint({ accountId: account.id, types: ["balance.low"] });
    const t0 = new Date("2056-06-01T00:00:00Z");
    await emitEvent(db(), { accountId: account.id, type: "balance.low", key: "e:1", occurredAt: t0, data: lowFunds(1) });
    received = [];
    answer = () => 307;
    expect(await deliverWebhooks(db(), { now: t0, accountIds: [account.id] })).toEqual({ delivered: 0, failed: 1 });
    expect(received).toHaveLength(1);
    expect(await deliveriesOf(account.id)).toMatchObject([{ status: "pending", attempts: 1, lastStatusCode: 307, lastError: "HTTP 307" }]);
    answer = () => 200;
  });

  it("a delivery to a disabled endpoint is cancelled, not sent", async () => {
    const { account } = await createAccount(db(), ["owner"]);
    const own = await endpoint({ accountId: account.id, types: ["balance.low"] });
    const t0 = new Date("2056-01-01T00:00:00Z");
    await emitEvent(db(), { accountId: account.id, type: "balance.low", key: "e:1", occurredAt: t0, data: lowFunds(1) });
    await db().update(webhookEndpoints).set({ disabledAt: t0 }).where(and(eq(webhookEndpoints.id, own.id)));
    received = [];
    await deliverWebhooks(db(), { now: t0, accountIds: [account.id] });
    expect(received).toEqual([]);
    expect((await deliveriesOf(account.id)).map((d) => d.status)).toEqual(["cancelled"]);
  });
});
