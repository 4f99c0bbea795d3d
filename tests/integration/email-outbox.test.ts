import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emailOutbox } from "@/db/schema";
import { sendEmail } from "@/lib/email/send";
import type { EmailTransport } from "@/lib/email/transport";
import { deliverEmails, retryDelayMs } from "@/lib/jobs/deliver-emails";
import { useTestDb } from "../fixtures/db";

const h = useTestDb({ max: 10 });
const props = { name: "Ada", url: "http://localhost:3000/sign-in/link?token=abc", minutes: 15 };

describe("email outbox", () => {
  it("queues one email per idempotency key and renders it in the recipient's language", async () => {
    const key = `test:${crypto.randomUUID()}`;
    const to = `${crypto.randomUUID()}@test.example`;
    for (let i = 0; i < 3; i++) await sendEmail(h().db, { to, locale: "zh-CN", template: "magic-link", props, idempotencyKey: key });
    const rows = await h().db.select().from(emailOutbox).where(eq(emailOutbox.to, to));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.html).toContain("登录");
    expect(rows[0]!.text).toContain("15 分钟");
  });

  it("leaves with the transaction that caused it, or not at all", async () => {
    const to = `${crypto.randomUUID()}@test.example`;
    await expect(
      h().db.transaction(async (tx) => {
        await sendEmail(tx, { to, locale: "en", template: "magic-link", props, idempotencyKey: `test:${crypto.randomUUID()}` });
        throw new Error("the event failed");
      }),
    ).rejects.toThrow("the event failed");
    expect(await h().db.select().from(emailOutbox).where(eq(emailOutbox.to, to))).toHaveLength(0);
  });

  it("retries a failing provider with backoff, then gives up", async () => {
    const to = `${crypto.randomUUID()}@test.example`;
    await sendEmail(h().db, { to, locale: "en", template: "magic-link", props, idempotencyKey: `test:${crypto.randomUUID()}` });
    const calls: string[] = [];
    const failing: EmailTransport = { kind: "resend", send: async (e) => (e.to === to ? (calls.push(e.to), { ok: false, error: "provider down" }) : { ok: true, id: "x" }) };
    let now = new Date(Date.now() + 1000);
    // Every due email in one call: on a shared database other tests' emails (some stamped in
    // simulated past time, so first in line) must not push this one out of a batch.
    const batch = 100_000;
    for (let attempt = 1; attempt <= 8; attempt++) {
      await deliverEmails(h().db, { now, transport: failing, batch });
      // Not retried before its backoff has passed.
      await deliverEmails(h().db, { now: new Date(now.getTime() + retryDelayMs(attempt) - 1000), transport: failing, batch });
      now = new Date(now.getTime() + retryDelayMs(attempt));
    }
    await deliverEmails(h().db, { now: new Date(now.getTime() + 86_400_000), transport: failing, batch });
    expect(calls).toHaveLength(8);
    const [row] = await h().db.select().from(emailOutbox).where(eq(emailOutbox.to, to));
    expect(row).toMatchObject({ status: "failed", attempts: 8, lastError: "provider down" });
  });

  it("hands each email to the provider once when several workers deliver at the same time", async () => {
    const tos = Array.from({ length: 20 }, () => `${crypto.randomUUID()}@test.example`);
    for (const to of tos) await sendEmail(h().db, { to, locale: "en", template: "magic-link", props, idempotencyKey: `test:${to}` });
    const sent: string[] = [];
    const transport: EmailTransport = { kind: "resend", send: async (e) => (tos.includes(e.to) && sent.push(e.to), { ok: true, id: "id" }) };
    const now = new Date(Date.now() + 5000);
    await Promise.all(Array.from({ length: 4 }, () => deliverEmails(h().db, { now, transport, batch: 500 })));
    await deliverEmails(h().db, { now, transport, batch: 500 });
    expect(sent.sort()).toEqual([...tos].sort());
    const rows = await h().db.select().from(emailOutbox).where(inArray(emailOutbox.to, tos));
    expect(rows.every((r) => r.status === "sent")).toBe(true);
  });
});
