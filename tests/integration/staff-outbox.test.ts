import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { auditLog, emailOutbox } from "@/db/schema";
import { sendEmail } from "@/lib/email/send";
import type { EmailTransport, OutgoingEmail } from "@/lib/email/transport";
import { deliverEmails } from "@/lib/jobs/deliver-emails";
import { createAccount, createUser } from "../fixtures/factories";
import { useTestDb } from "../fixtures/db";

// The action runs as in Next.js, through staffAction; only the session and the request headers are stood in for.
const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => (await import("../fixtures/sessions")).signedInAs(session.uid) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { resendEmail } = await import("@/lib/actions/staff/resend-email");

const h = useTestDb({ max: 4 });
const props = { name: "Ada", url: "http://localhost:3000/sign-in/link?token=abc", minutes: 15 };

/** A provider that, like Resend, answers a repeated idempotency key from its cache without sending. */
function providerWithIdempotencyCache(to: string) {
  const delivered: OutgoingEmail[] = [];
  const seen = new Set<string>();
  let down = true;
  const transport: EmailTransport = {
    kind: "resend",
    send: async (e) => {
      if (e.to !== to) return { ok: true, id: "other" };
      if (down) return { ok: false, error: "provider down" };
      if (!seen.has(e.idempotencyKey)) delivered.push(e);
      seen.add(e.idempotencyKey);
      return { ok: true, id: `msg-${seen.size}` };
    },
  };
  return { transport, delivered, up: () => (down = false) };
}

describe("staff outbox", () => {
  it("a failed email resent by staff-finance goes out again, and a delivered one resent is really sent a second time; each resend is audited once", async () => {
    const db = h().db;
    const { account } = await createAccount(db, []);
    const finance = await createUser(db, { staffRole: "finance" });
    const support = await createUser(db, { staffRole: "support" });
    const to = `${crypto.randomUUID()}@test.example`;
    await sendEmail(db, { to, locale: "en", template: "magic-link", props, idempotencyKey: `test:${crypto.randomUUID()}`, accountId: account.id });
    const [email] = await db.select().from(emailOutbox).where(eq(emailOutbox.to, to));
    const provider = providerWithIdempotencyCache(to);
    const row = async () => (await db.select().from(emailOutbox).where(eq(emailOutbox.id, email!.id)))[0]!;
    const resends = () => db.select().from(auditLog).where(and(eq(auditLog.targetId, email!.id), eq(auditLog.action, "email.resend")));

    // Eight failed attempts: the email is given up on.
    let now = Date.now();
    for (let i = 0; i < 8; i++) await deliverEmails(db, { now: new Date((now += 3 * 3_600_000)), transport: provider.transport, batch: 100_000 });
    expect(await row()).toMatchObject({ status: "failed", attempts: 8 });

    session.uid = support.id;
    expect(await resendEmail({ id: email!.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await row()).toMatchObject({ status: "failed" });

    session.uid = finance.id;
    expect(await resendEmail({ id: email!.id })).toMatchObject({ ok: true });
    expect(await row()).toMatchObject({ status: "pending", attempts: 0, lastError: null });
    // A second click before it goes out does not queue it twice.
    expect(await resendEmail({ id: email!.id })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await resends()).toHaveLength(1);
    expect((await resends())[0]).toMatchObject({ actorUserId: finance.id, actorKind: "staff", accountId: account.id, data: { previousStatus: "failed", previousAttempts: 8 } });

    provider.up();
    await deliverEmails(db, { now: new Date((now += 60_000)), transport: provider.transport, batch: 100_000 });
    expect(await row()).toMatchObject({ status: "sent", attempts: 1 });
    expect(provider.delivered).toHaveLength(1);

    // Resending a delivered email sends it again: the provider gets a key it has not seen.
    expect(await resendEmail({ id: email!.id })).toMatchObject({ ok: true });
    await deliverEmails(db, { now: new Date((now += 60_000)), transport: provider.transport, batch: 100_000 });
    expect(provider.delivered).toHaveLength(2);
    expect(provider.delivered[1]!.subject).toBe(provider.delivered[0]!.subject);
    expect(await row()).toMatchObject({ status: "sent", resends: 2 });
    expect(await resends()).toHaveLength(2);

    expect(await resendEmail({ id: crypto.randomUUID() })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});
