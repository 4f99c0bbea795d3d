import { randomInt } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { auditLog, billingEvents, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { signatureHeaderAll, verifySignature } from "@/lib/alerts/signature";
import { atTime } from "@/lib/clock";
import { signingSecrets } from "@/lib/events/delivery-rules";
import { REPLAY_CHUNK } from "@/lib/events/endpoints";
import { createAccount, createUser } from "../fixtures/factories";
import { useTestDb } from "../fixtures/db";

// The actions run as in Next.js, through staffAction; only the session and the request headers are stood in for.
const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => (await import("../fixtures/sessions")).signedInAs(session.uid) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { createEndpointAction } = await import("@/lib/actions/webhooks/create-endpoint");
const { updateEndpointAction } = await import("@/lib/actions/webhooks/update-endpoint");
const { rotateEndpointSecretAction } = await import("@/lib/actions/webhooks/rotate-endpoint-secret");
const { setEndpointDisabledAction } = await import("@/lib/actions/webhooks/set-endpoint-disabled");
const { resendDeliveryAction } = await import("@/lib/actions/webhooks/resend-delivery");
const { replayDeliveriesAction } = await import("@/lib/actions/webhooks/replay-deliveries");

const h = useTestDb({ max: 4 });
const db = () => h().db;
const HOUR = 3600_000;
// A window of this run's own (the Postgres database outlives runs and is shared by files): no other test's events fall in it.
const T0 = new Date(Date.UTC(2031, 0, 1) + randomInt(0, 2_000_000) * 60_000);
const at = (ms: number) => new Date(T0.getTime() + ms);
const utcMinute = (d: Date) => d.toISOString().slice(0, 16);

/** Events written straight into the outbox, as the billing code would: [account, type, occurred at]. */
async function insertEvents(events: [string, string, Date][]) {
  const rows = events.map(([accountId, type, occurredAt]) => ({ eventId: `evt_test_${crypto.randomUUID()}`, accountId, type, body: JSON.stringify({ type, accountId }), occurredAt }));
  return db().insert(billingEvents).values(rows).returning({ seq: billingEvents.seq, accountId: billingEvents.accountId, type: billingEvents.type });
}

async function staff() {
  return { finance: await createUser(db(), { staffRole: "finance" }), support: await createUser(db(), { staffRole: "support" }) };
}

async function createEndpoint(userId: string, eventTypes: string[], now = T0) {
  session.uid = userId;
  const r = await atTime(now, () => createEndpointAction({ url: "https://platform.example/hooks/billing", description: "control plane", eventTypes }));
  if (!r.ok) throw new Error(`create failed: ${r.message}`);
  created.push(r.data.id);
  return r.data;
}
const created: string[] = [];

const deliveriesOf = (endpointId: string) => db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)).orderBy(asc(webhookDeliveries.eventSeq));
const auditsOf = (targetId: string) => db().select().from(auditLog).where(eq(auditLog.targetId, targetId)).orderBy(asc(auditLog.id));

describe("platform webhook endpoints (staff)", () => {
  // A platform endpoint gets every account's events: disabled when done, so other files' events
  // (the example receiver's overdue account, say) queue no deliveries to this file's endpoints.
  afterAll(async () => {
    if (created.length) await db().update(webhookEndpoints).set({ disabledAt: new Date("2000-01-01T00:00:00Z") }).where(inArray(webhookEndpoints.id, created));
  });
  it("finance creates an endpoint with a secret shown once; a bad URL or no event type is refused and creates nothing", async () => {
    const { finance } = await staff();
    session.uid = finance.id;
    const before = await db().select({ n: sql<number>`count(*)::int` }).from(webhookEndpoints);
    const http = await createEndpointAction({ url: "http://platform.example/hooks", description: "", eventTypes: ["resource.stopped"] });
    expect(http).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { url: ["alerts.errors.webhookHttps"] } });
    const none = await createEndpointAction({ url: "https://platform.example/hooks", description: "", eventTypes: [] });
    expect(none).toMatchObject({ ok: false, code: "VALIDATION" });
    const unknown = await createEndpointAction({ url: "https://platform.example/hooks", description: "", eventTypes: ["resource.exploded"] });
    expect(unknown).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await db().select({ n: sql<number>`count(*)::int` }).from(webhookEndpoints)).toEqual(before);

    const { id, secret } = await createEndpoint(finance.id, ["resource.stopped", "resource.resumed"]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    const [row] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    expect(row).toMatchObject({ accountId: null, secret, eventTypes: ["resource.stopped", "resource.resumed"], createdByUserId: finance.id, disabledAt: null });
    const [created] = await auditsOf(id);
    expect(created).toMatchObject({ action: "webhook_endpoint.create", actorKind: "staff", actorUserId: finance.id });
    expect(JSON.stringify(created!.data)).not.toContain(secret);
  });

  it("a rotated secret signs beside the old one for 24 hours; after that a receiver holding the old one refuses", async () => {
    const { finance } = await staff();
    const { id, secret: oldSecret } = await createEndpoint(finance.id, ["invoice.issued"]);
    const rotated = await atTime(at(HOUR), () => rotateEndpointSecretAction({ id }));
    expect(rotated.ok).toBe(true);
    if (!rotated.ok) return;
    const newSecret = rotated.data.secret;
    expect(newSecret).not.toBe(oldSecret);
    const [row] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    expect(row).toMatchObject({ secret: newSecret, previousSecret: oldSecret, previousSecretExpiresAt: at(25 * HOUR) });

    const body = JSON.stringify({ id: "evt_1", type: "invoice.issued" });
    const signedAt = (t: Date) => {
      const ts = Math.floor(t.getTime() / 1000);
      return { header: signatureHeaderAll(signingSecrets(row!, t), body, ts), now: ts };
    };
    const during = signedAt(at(24 * HOUR));
    expect(verifySignature(during.header, body, oldSecret, { now: during.now })).toMatchObject({ ok: true });
    expect(verifySignature(during.header, body, newSecret, { now: during.now })).toMatchObject({ ok: true });
    const after = signedAt(at(25 * HOUR + 1000));
    expect(verifySignature(after.header, body, oldSecret, { now: after.now })).toMatchObject({ ok: false, reason: "mismatch" });
    expect(verifySignature(after.header, body, newSecret, { now: after.now })).toMatchObject({ ok: true });
    expect((await auditsOf(id)).map((a) => a.action)).toEqual(["webhook_endpoint.create", "webhook_endpoint.rotate_secret"]);
  });

  it("replaying a range queues exactly its events of the subscribed types, once each, also when run twice", async () => {
    const { finance } = await staff();
    const a = (await createAccount(db(), [])).account.id;
    const b = (await createAccount(db(), [])).account.id;
    const { id } = await createEndpoint(finance.id, ["resource.stopped", "resource.resumed"]);
    const events = await insertEvents([
      [a, "resource.stopped", at(-1)], // just before the range
      [a, "resource.stopped", at(0)], // its first instant
      [b, "resource.resumed", at(10 * 60_000)],
      [a, "resource.activated", at(20 * 60_000)], // not subscribed
      [b, "resource.stopped", at(HOUR - 1)],
      [a, "resource.resumed", at(HOUR)], // the end is exclusive
    ]);
    const expected = [events[1]!.seq, events[2]!.seq, events[4]!.seq];
    const range = { endpointId: id, from: utcMinute(T0), to: utcMinute(at(HOUR)) };
    // Start on a minute, so the range is exactly [T0, T0 + 1 h) whatever second T0 has.
    expect(T0.getUTCSeconds()).toBe(0);

    const first = await atTime(at(2 * HOUR), () => replayDeliveriesAction(range));
    expect(first).toMatchObject({ ok: true, data: { queued: 3 } });
    let rows = await deliveriesOf(id);
    expect(rows.map((r) => r.eventSeq)).toEqual(expected);
    expect(rows.map((r) => r.accountId)).toEqual([a, b, b]);
    expect(rows.every((r) => r.status === "pending" && r.nextAttemptAt.getTime() === at(2 * HOUR).getTime() && r.retryUntil.getTime() === at(74 * HOUR).getTime())).toBe(true);

    // One of them was delivered meanwhile; a second replay puts it back, and adds no row.
    await db().update(webhookDeliveries).set({ status: "delivered", attempts: 1, lastStatusCode: 200 }).where(eq(webhookDeliveries.id, rows[0]!.id));
    const second = await atTime(at(3 * HOUR), () => replayDeliveriesAction(range));
    expect(second).toMatchObject({ ok: true, data: { queued: 3 } });
    rows = await deliveriesOf(id);
    expect(rows.map((r) => r.eventSeq)).toEqual(expected);
    expect(rows[0]).toMatchObject({ status: "pending", attempts: 1 });
    const replays = (await auditsOf(id)).filter((x) => x.action === "webhook_delivery.replay");
    expect(replays.map((x) => x.data)).toEqual([expect.objectContaining({ queued: 3 }), expect.objectContaining({ queued: 3 })]);

    const backwards = await replayDeliveriesAction({ endpointId: id, from: range.to, to: range.from });
    expect(backwards).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { to: ["webhooks.errors.range"] } });
  });

  it("a replay larger than one statement's chunk queues every event once; an account's endpoint gets only its account's", async () => {
    const { finance } = await staff();
    const a = (await createAccount(db(), [])).account.id;
    const b = (await createAccount(db(), [])).account.id;
    const start = at(10 * HOUR);
    const n = REPLAY_CHUNK * 2 + 7;
    // One statement for the fixture too: n events a second apart, alternating accounts.
    await db().execute(sql`
      insert into billing_events (event_id, account_id, type, body, occurred_at)
      select 'evt_bulk_' || gen_random_uuid(), case when i % 2 = 0 then ${a}::uuid else ${b}::uuid end, 'payment.succeeded', '{}', ${start.toISOString()}::timestamptz + i * interval '1 second'
      from generate_series(0, ${n - 1}) as i`);
    const range = { from: utcMinute(start), to: utcMinute(at(12 * HOUR)) };
    const { id } = await createEndpoint(finance.id, ["payment.succeeded"]);
    session.uid = finance.id;
    expect(await atTime(at(13 * HOUR), () => replayDeliveriesAction({ endpointId: id, ...range }))).toMatchObject({ ok: true, data: { queued: n } });
    const [count] = await db().select({ n: sql<number>`count(distinct event_seq)::int`, rows: sql<number>`count(*)::int` }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
    expect(count).toEqual({ n, rows: n });

    const [own] = await db().insert(webhookEndpoints).values({ accountId: a, url: "https://acme.example/hook", eventTypes: ["payment.succeeded", "balance.low"], secret: "whsec_test" }).returning();
    expect(await atTime(at(13 * HOUR), () => replayDeliveriesAction({ endpointId: own!.id, ...range }))).toMatchObject({ ok: true, data: { queued: Math.ceil(n / 2) } });
    const accountsSeen = await db().selectDistinct({ accountId: webhookDeliveries.accountId }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, own!.id));
    expect(accountsSeen).toEqual([{ accountId: a }]);
  });

  it("resend puts one delivery back to pending now with a new 3-day window, attempts kept; edit, disable and enable are audited", async () => {
    const { finance } = await staff();
    const a = (await createAccount(db(), [])).account.id;
    const { id } = await createEndpoint(finance.id, ["account.overdue"]);
    const [event] = await insertEvents([[a, "account.overdue", at(HOUR)]]);
    const [delivery] = await db()
      .insert(webhookDeliveries)
      .values({ endpointId: id, eventSeq: event!.seq, accountId: a, status: "failed", attempts: 9, retryUntil: at(2 * HOUR), lastStatusCode: 500, nextAttemptAt: at(2 * HOUR) })
      .returning();
    const resent = await atTime(at(5 * HOUR), () => resendDeliveryAction({ id: delivery!.id }));
    expect(resent.ok).toBe(true);
    const [after] = await deliveriesOf(id);
    expect(after).toMatchObject({ status: "pending", attempts: 9, nextAttemptAt: at(5 * HOUR), retryUntil: at(77 * HOUR) });
    expect((await auditsOf(delivery!.id)).map((x) => [x.action, x.actorUserId, x.accountId])).toEqual([["webhook_delivery.resend", finance.id, a]]);

    expect(await updateEndpointAction({ id, description: "ops", eventTypes: ["account.overdue", "account.recovered"] })).toMatchObject({ ok: true });
    expect(await atTime(at(6 * HOUR), () => setEndpointDisabledAction({ id, disabled: true }))).toMatchObject({ ok: true, data: { changed: true } });
    // A disabled endpoint is not sent to, so resending or replaying to it is refused.
    expect(await resendDeliveryAction({ id: delivery!.id })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await setEndpointDisabledAction({ id, disabled: false })).toMatchObject({ ok: true, data: { changed: true } });
    const [row] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    expect(row).toMatchObject({ description: "ops", eventTypes: ["account.overdue", "account.recovered"], disabledAt: null });
    expect((await auditsOf(id)).map((x) => x.action)).toEqual(["webhook_endpoint.create", "webhook_endpoint.update", "webhook_endpoint.disable", "webhook_endpoint.enable"]);
  });

  it("support staff and customers cannot manage: every action refuses and changes nothing", async () => {
    const { finance, support } = await staff();
    const { account, members } = await createAccount(db(), ["owner"]);
    const { id } = await createEndpoint(finance.id, ["balance.low"]);
    const [event] = await insertEvents([[account.id, "balance.low", at(HOUR)]]);
    const [delivery] = await db().insert(webhookDeliveries).values({ endpointId: id, eventSeq: event!.seq, accountId: account.id, status: "failed", attempts: 3, retryUntil: at(2 * HOUR) }).returning();
    const endpointBefore = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    const deliveriesBefore = await deliveriesOf(id);
    const auditBefore = await db().select().from(auditLog).where(inArray(auditLog.targetId, [id, delivery!.id]));
    for (const uid of [support.id, members.owner.id]) {
      session.uid = uid;
      const attempts = [
        await createEndpointAction({ url: "https://evil.example/hook", description: "", eventTypes: ["balance.low"] }),
        await updateEndpointAction({ id, description: "x", eventTypes: ["payment.failed"] }),
        await rotateEndpointSecretAction({ id }),
        await setEndpointDisabledAction({ id, disabled: true }),
        await resendDeliveryAction({ id: delivery!.id }),
        await replayDeliveriesAction({ endpointId: id, from: utcMinute(T0), to: utcMinute(at(2 * HOUR)) }),
      ];
      for (const r of attempts) expect(r).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id))).toEqual(endpointBefore);
    expect(await deliveriesOf(id)).toEqual(deliveriesBefore);
    expect(await db().select().from(auditLog).where(inArray(auditLog.targetId, [id, delivery!.id]))).toEqual(auditBefore);
    expect(await db().select().from(webhookEndpoints).where(and(eq(webhookEndpoints.url, "https://evil.example/hook")))).toEqual([]);
  });
});
