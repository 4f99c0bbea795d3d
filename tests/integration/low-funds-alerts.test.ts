import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { auditLog, emailOutbox, lowFundsEpisodes, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { getAlertSettings, listWebhookEvents, rotateWebhookSecret, saveAlertSettings } from "@/lib/alerts/settings";
import { verifySignature } from "@/lib/alerts/signature";
import { deliverWebhooks } from "@/lib/jobs/deliver-webhooks";
import { lowFundsAlertsJob } from "@/lib/jobs/low-funds-alerts";
import { staffAdjustment, topUp } from "@/lib/ledger";
import { dollars, toDecimalString } from "@/lib/money";
import { onPostgres, useTestDb } from "../fixtures/db";
import { createAccount } from "../fixtures/factories";
import { key, system } from "../fixtures/ledger";

// The server actions read the session and request headers; here the session is whoever the test says.
const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => (await import("../fixtures/sessions")).signedInAs(session.uid) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const handle = useTestDb({ max: 6 });
const db = () => handle().db;
const H = 3_600_000;
/** Deliveries of the account's events (its own alert webhook is its only endpoint here). */
const deliveries = async (accountId: string) =>
  (await db().select().from(webhookDeliveries).innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId)).where(and(eq(webhookDeliveries.accountId, accountId), eq(webhookEndpoints.accountId, accountId)))).map((r) => r.webhook_deliveries);
const D = 24 * H;

/** An account with $100, an owner, an admin, a finance member and a plain member, and its alert. */
async function setup(opts: { thresholds: number[]; webhookUrl?: string | null }) {
  const { account, members } = await createAccount(db());
  const acct = account.id;
  await topUp(db(), { accountId: acct, amount: dollars(100), provider: "test", idempotencyKey: key("topup"), actor: system });
  const saved = await saveAlertSettings(db(), { accountId: acct, userId: members.finance.id, enabled: true, thresholds: opts.thresholds.map(dollars), webhookUrl: opts.webhookUrl ?? null });
  /** Reminder emails so far, as "<role> <reminder n>". */
  const emails = async () =>
    (await db().select().from(emailOutbox).where(and(eq(emailOutbox.accountId, acct), eq(emailOutbox.template, "low-funds"))))
      .map((e) => `${e.to.split("-")[0]} ${(e.props as { reminder: number }).reminder}`)
      .sort();
  const perRole = async () => {
    const counts: Record<string, number> = {};
    for (const e of await emails()) counts[e.split(" ")[0]!] = (counts[e.split(" ")[0]!] ?? 0) + 1;
    return counts;
  };
  const episodes = async () => db().select().from(lowFundsEpisodes).where(eq(lowFundsEpisodes.accountId, acct)).orderBy(lowFundsEpisodes.startedAt);
  const run = (now: Date) => lowFundsAlertsJob(db(), { now, accountIds: [acct] });
  const spend = (amount: number) => staffAdjustment(db(), { accountId: acct, amount: -dollars(amount), reason: "test spend", idempotencyKey: key("spend"), actor: system });
  const fund = (amount: number) => topUp(db(), { accountId: acct, amount: dollars(amount), provider: "test", idempotencyKey: key("fund"), actor: system });
  return { acct, members, secret: saved.newSecret, emails, perRole, episodes, run, spend, fund };
}

describe("low-funds reminders", () => {
  it("days 1 to 8 below the threshold: one reminder a day to every owner, admin and finance member, 7 in all, none to plain members", async () => {
    const s = await setup({ thresholds: [200] });
    const t0 = new Date("2043-01-10T09:35:00Z");
    for (let day = 0; day < 8; day++) {
      const now = new Date(t0.getTime() + day * D);
      await s.run(now);
      await s.run(now); // a rerun of the hour does nothing
      await s.run(new Date(now.getTime() + 3 * H)); // later the same day: not a day since the last one
      expect(Object.values(await s.perRole())).toEqual(Array(3).fill(Math.min(day + 1, 7)));
    }
    expect(await s.perRole()).toEqual({ owner: 7, admin: 7, finance: 7 });
    expect((await s.emails()).filter((e) => e.startsWith("admin"))).toEqual(["admin 1", "admin 2", "admin 3", "admin 4", "admin 5", "admin 6", "admin 7"]);
    const [ep] = await s.episodes();
    expect(ep).toMatchObject({ sentCount: 7, closedAt: null, threshold: dollars(200), startedAt: t0 });

    // The email says what a recipient needs: the account, the figures, where to top up and to change the alert.
    const [mail] = await db().select().from(emailOutbox).where(and(eq(emailOutbox.accountId, s.acct), eq(emailOutbox.to, s.members.finance.email))).limit(1);
    expect(mail!.subject).toContain("$200.00");
    expect(mail!.text).toContain("$100.00");
    expect(mail!.html).toContain(`/a/${s.acct}/billing/top-up`);
    expect(mail!.html).toContain(`/a/${s.acct}/billing/alerts`);
  });

  it("recovery closes the episode and stops reminders; a later drop starts a new episode with its own 7", async () => {
    const s = await setup({ thresholds: [200] });
    const t0 = new Date("2044-02-01T09:35:00Z");
    await s.run(t0);
    await s.run(new Date(t0.getTime() + D));
    expect(await s.perRole()).toEqual({ owner: 2, admin: 2, finance: 2 });

    await s.fund(150); // $250: above the threshold
    await s.run(new Date(t0.getTime() + 2 * D));
    await s.run(new Date(t0.getTime() + 3 * D));
    expect(await s.perRole()).toEqual({ owner: 2, admin: 2, finance: 2 });
    expect(await s.episodes()).toMatchObject([{ sentCount: 2, closeReason: "recovered", closedAt: new Date(t0.getTime() + 2 * D) }]);

    await s.spend(60); // $190: below again
    const drop = new Date(t0.getTime() + 3 * D + 5 * H);
    await s.run(drop);
    const eps = await s.episodes();
    expect(eps).toHaveLength(2);
    expect(eps[1]).toMatchObject({ startedAt: drop, sentCount: 1, closedAt: null });
    expect(await s.perRole()).toEqual({ owner: 3, admin: 3, finance: 3 });
    // Reminder 1 of the new episode is its own email (another key), not a repeat of the old one.
    expect((await s.emails()).filter((e) => e.startsWith("finance"))).toEqual(["finance 1", "finance 1", "finance 2"]);
  });

  it("turning the alert off stops reminders at once; on again while still low starts a new episode", async () => {
    const s = await setup({ thresholds: [200] });
    const t0 = new Date("2045-03-01T09:35:00Z");
    await s.run(t0);
    await saveAlertSettings(db(), { accountId: s.acct, userId: s.members.admin.id, enabled: false, thresholds: [dollars(200)], webhookUrl: null });
    expect(await s.episodes()).toMatchObject([{ closeReason: "disabled" }]);
    for (let day = 1; day < 5; day++) await s.run(new Date(t0.getTime() + day * D));
    expect(await s.perRole()).toEqual({ owner: 1, admin: 1, finance: 1 });

    await saveAlertSettings(db(), { accountId: s.acct, userId: s.members.admin.id, enabled: true, thresholds: [dollars(200)], webhookUrl: null });
    await s.run(new Date(t0.getTime() + 5 * D));
    expect(await s.perRole()).toEqual({ owner: 2, admin: 2, finance: 2 });
    expect((await s.episodes()).map((e) => e.closeReason)).toEqual(["disabled", null]);
    // Every change is in the audit log, with who made it.
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.accountId, s.acct), eq(auditLog.action, "alerts.update")));
    expect(audits.map((a) => [a.actorUserId, (a.data as { after: { enabled: boolean } }).after.enabled])).toEqual([
      [s.members.finance.id, true],
      [s.members.admin.id, false],
      [s.members.admin.id, true],
    ]);
  });

  it("several thresholds: a drop through both reminds about the lowest only; recovering above it resumes the higher one", async () => {
    const s = await setup({ thresholds: [500, 200] });
    const t0 = new Date("2046-04-01T09:35:00Z");
    await s.run(t0); // $100: below $500 and $200
    const byThreshold = (await s.episodes()).map((e) => [e.threshold, e.sentCount]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
    expect(byThreshold).toEqual([
      [dollars(200), 1],
      [dollars(500), 0],
    ]);
    expect(await s.perRole()).toEqual({ owner: 1, admin: 1, finance: 1 });
    const [mail] = await db().select().from(emailOutbox).where(and(eq(emailOutbox.accountId, s.acct), eq(emailOutbox.to, s.members.owner.email)));
    expect(mail!.subject).toContain("$200.00");

    await s.fund(200); // $300: above $200, still below $500
    await s.run(new Date(t0.getTime() + D));
    const subjects = (await db().select().from(emailOutbox).where(and(eq(emailOutbox.accountId, s.acct), eq(emailOutbox.to, s.members.owner.email)))).map((e) => e.subject);
    expect(subjects.filter((x) => x.includes("$500.00"))).toHaveLength(1);
    expect((await s.episodes()).find((e) => e.threshold === dollars(200))).toMatchObject({ closeReason: "recovered" });
  });

  it("two job runs at once send each email once", async () => {
    const s = await setup({ thresholds: [200] });
    const t0 = new Date("2047-05-01T09:35:00Z");
    // The same period twice, and two differently scoped runs that both pass the period claim
    // and meet only at the account's row lock.
    await Promise.all([s.run(t0), s.run(t0), lowFundsAlertsJob(db(), { now: t0, accountIds: [s.acct, "00000000-0000-4000-8000-000000000000"] })]);
    expect(await s.perRole()).toEqual({ owner: 1, admin: 1, finance: 1 });
    const next = new Date(t0.getTime() + D);
    await Promise.all([s.run(next), lowFundsAlertsJob(db(), { now: next, accountIds: [s.acct, "00000000-0000-4000-8000-000000000001"] }), lowFundsAlertsJob(db(), { now: next, accountIds: [s.acct, "00000000-0000-4000-8000-000000000002"] })]);
    expect(await s.perRole()).toEqual({ owner: 2, admin: 2, finance: 2 });
    expect(await s.episodes()).toMatchObject([{ sentCount: 2 }]);
    if (onPostgres()) expect(handle().kind).toBe("postgres");
  });
});

describe("low-funds webhook", () => {
  let server: Server;
  let received: { headers: IncomingMessage["headers"]; body: string }[] = [];
  let answer = 200;
  let base = "";
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (c: string) => (body += c));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((r) => server.close(() => r())));

  it("a reminder posts a signed balance.low event; the signature verifies with the secret and fails for a tampered body; failures are retried with backoff", async () => {
    received = [];
    answer = 503;
    const s = await setup({ thresholds: [200], webhookUrl: `${base}/hooks/billing` });
    expect(s.secret).toMatch(/^whsec_/);
    expect((await getAlertSettings(db(), { accountId: s.acct })).secretHint).toBe(`whsec_…${s.secret!.slice(-4)}`);
    const t0 = new Date("2048-06-01T09:35:00Z");
    await s.run(t0);
    await s.run(t0);
    expect(await deliveries(s.acct)).toHaveLength(1);

    // The receiver is down: retried after a minute, not before.
    const deliver = (now: Date) => deliverWebhooks(db(), { now, accountIds: [s.acct] });
    expect(await deliver(t0)).toMatchObject({ failed: 1 });
    expect(await deliver(new Date(t0.getTime() + 30_000))).toEqual({ delivered: 0, failed: 0 });
    answer = 200;
    expect(await deliver(new Date(t0.getTime() + 61_000))).toMatchObject({ delivered: 1 });
    expect(await deliver(new Date(t0.getTime() + 3 * 60_000))).toEqual({ delivered: 0, failed: 0 });
    expect(received).toHaveLength(2);
    const [row] = await deliveries(s.acct);
    expect(row).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200 });
    // What the settings page lists for the account.
    expect(await listWebhookEvents(db(), { accountId: s.acct })).toEqual([expect.objectContaining({ eventId: received[1]!.headers["billing-event-id"], type: "balance.low", status: "delivered", attempts: 2, lastStatusCode: 200 })]);

    const { headers, body } = received[1]!;
    expect(headers["content-type"]).toBe("application/json");
    const event = JSON.parse(body);
    const { available } = await getBalances(db(), { accountId: s.acct });
    // The catalogue's envelope, with the fields the alert webhook always sent kept at the top level.
    expect(event).toEqual({
      id: expect.stringMatching(/^evt_[0-9a-f]{32}$/),
      type: "balance.low",
      apiVersion: 1,
      createdAt: t0.toISOString(),
      accountId: s.acct,
      data: {
        available: { amount: toDecimalString(available, { minDecimals: 6 }), micros: available.toString(), currency: "USD" },
        threshold: { amount: "200.000000", micros: "200000000", currency: "USD" },
        reminder: 1,
        maxReminders: 7,
      },
      created: t0.getTime() / 1000,
      account_id: s.acct,
      available: toDecimalString(available, { minDecimals: 6 }),
      threshold: "200.000000",
      currency: "USD",
      reminder: 1,
    });
    expect(headers["billing-event-id"]).toBe(event.id);
    const sig = headers["billing-signature"] as string;
    const sentAt = Math.floor((t0.getTime() + 61_000) / 1000);
    expect(sig).toMatch(new RegExp(`^t=${sentAt},v1=[0-9a-f]{64}$`));
    expect(verifySignature(sig, body, s.secret!, { now: sentAt })).toEqual({ ok: true, timestamp: sentAt });
    expect(verifySignature(sig, body.replace(event.available, "1000000.000000"), s.secret!, { now: sentAt })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifySignature(sig, body, "whsec_wrong", { now: sentAt })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("after the customer rotates the secret, deliveries verify with the old one for 24 hours beside the new one, then with the new one only; a save in between keeps the overlap", async () => {
    received = [];
    answer = 200;
    const s = await setup({ thresholds: [200, 50], webhookUrl: `${base}/hooks/rotate` });
    const oldSecret = s.secret!;
    const t0 = new Date("2050-03-01T09:35:00Z");
    const rotated = await rotateWebhookSecret(db(), { accountId: s.acct, userId: s.members.finance.id, now: t0 });
    const newSecret = rotated!.newSecret;
    // The form saved again an hour later (same URL, thresholds changed): the old secret still signs.
    await saveAlertSettings(db(), { accountId: s.acct, userId: s.members.finance.id, enabled: true, thresholds: [dollars(200), dollars(60)], webhookUrl: `${base}/hooks/rotate`, now: new Date(t0.getTime() + H) });
    const signedBy = () => {
      const last = received.at(-1)!;
      const sig = last.headers["billing-signature"] as string;
      const at = Number(/t=(\d+)/.exec(sig)![1]);
      return [oldSecret, newSecret].map((k) => verifySignature(sig, last.body, k, { now: at }).ok);
    };
    await s.run(new Date(t0.getTime() + 2 * H));
    expect(await deliverWebhooks(db(), { now: new Date(t0.getTime() + 2 * H), accountIds: [s.acct] })).toMatchObject({ delivered: 1 });
    expect(signedBy()).toEqual([true, true]);
    // The next day's reminder, 25 hours after the rotation: the new secret only.
    await s.run(new Date(t0.getTime() + 26 * H));
    expect(await deliverWebhooks(db(), { now: new Date(t0.getTime() + 26 * H), accountIds: [s.acct] })).toMatchObject({ delivered: 1 });
    expect(signedBy()).toEqual([false, true]);
  });

  it("an event whose webhook was removed before delivery is cancelled, not sent", async () => {
    received = [];
    answer = 200;
    const s = await setup({ thresholds: [200], webhookUrl: `${base}/hooks/other` });
    const t0 = new Date("2049-07-01T09:35:00Z");
    await s.run(t0);
    await saveAlertSettings(db(), { accountId: s.acct, userId: s.members.owner.id, enabled: true, thresholds: [dollars(200)], webhookUrl: null });
    await deliverWebhooks(db(), { now: t0, accountIds: [s.acct] });
    expect(received).toHaveLength(0);
    expect((await deliveries(s.acct)).map((d) => d.status)).toEqual(["cancelled"]);
  });
});

describe("alert settings actions", () => {
  it("finance saves; a plain member is refused; another account's member finds nothing; bad input changes nothing", async () => {
    const { saveAlertSettingsAction } = await import("@/lib/actions/alerts/save-alert-settings");
    const { rotateWebhookSecretAction } = await import("@/lib/actions/alerts/rotate-webhook-secret");
    const { account, members } = await createAccount(db());
    const other = await createAccount(db(), ["finance"]);
    const form = (v: Record<string, string>) => {
      const fd = new FormData();
      fd.set("accountId", account.id);
      for (const [k, x] of Object.entries(v)) fd.set(k, x);
      return fd;
    };

    session.uid = members.finance.id;
    const ok = await saveAlertSettingsAction(form({ enabled: "on", threshold_0: "300", threshold_1: "150.50", webhookUrl: "https://hooks.example/billing" }));
    expect(ok).toMatchObject({ ok: true, data: { enabled: true, newSecret: expect.stringMatching(/^whsec_/) } });
    const saved = await getAlertSettings(db(), { accountId: account.id });
    expect(saved).toMatchObject({ enabled: true, thresholds: [150_500_000n, dollars(300)], webhookUrl: "https://hooks.example/billing" });

    const bad = await saveAlertSettingsAction(form({ enabled: "on", threshold_0: "50", threshold_1: "lots", webhookUrl: "http://hooks.example" }));
    expect(bad).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { threshold_1: ["alerts.errors.threshold"], webhookUrl: ["alerts.errors.webhookHttps"] } });
    expect(await getAlertSettings(db(), { accountId: account.id })).toEqual(saved);

    const rotated = await rotateWebhookSecretAction(form({}));
    expect(rotated).toMatchObject({ ok: true, data: { newSecret: expect.stringMatching(/^whsec_/) } });
    expect(rotated.ok && ok.ok && rotated.data.newSecret !== ok.data.newSecret).toBe(true);

    session.uid = members.member.id;
    expect(await saveAlertSettingsAction(form({ enabled: "" }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await rotateWebhookSecretAction(form({}))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    session.uid = other.members.finance.id;
    expect(await saveAlertSettingsAction(form({ enabled: "" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    session.uid = null;
    expect(await saveAlertSettingsAction(form({ enabled: "" }))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect((await getAlertSettings(db(), { accountId: account.id })).enabled).toBe(true);
  });
});
