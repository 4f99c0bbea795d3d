import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emailOutbox } from "@/db/schema";
import { consumeMagicLink, issueRequestedLinks, passwordSignIn, requestMagicLink, SIGN_IN_LIMITS } from "@/lib/auth/sign-in";
import { createUser, TEST_PASSWORD } from "../fixtures/factories";
import { useTestDb } from "../fixtures/db";

const h = useTestDb();
const ip = () => `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

function linkToken(html: string) {
  const m = html.match(/token=([A-Za-z0-9_-]{20,})/);
  if (!m) throw new Error("no sign-in link in the email");
  return m[1]!;
}

describe("password sign-in", () => {
  it("accepts the right password, case-insensitive email", async () => {
    const user = await createUser(h().db);
    const r = await passwordSignIn(h().db, { email: `  ${user.email.toUpperCase()} `, password: TEST_PASSWORD, ip: ip() });
    expect(r).toEqual({ ok: true, userId: user.id });
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const user = await createUser(h().db);
    const wrong = await passwordSignIn(h().db, { email: user.email, password: "nope", ip: ip() });
    const unknown = await passwordSignIn(h().db, { email: `ghost-${crypto.randomUUID()}@test.example`, password: "nope", ip: ip() });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("locks an email after too many attempts, even with the right password, for known and unknown emails alike", async () => {
    const user = await createUser(h().db);
    const ghost = `ghost-${crypto.randomUUID()}@test.example`;
    const now = new Date("2026-05-01T12:01:00Z");
    for (let i = 0; i < SIGN_IN_LIMITS.password.perEmail.limit; i++) {
      await passwordSignIn(h().db, { email: user.email, password: "wrong", ip: ip(), now });
      await passwordSignIn(h().db, { email: ghost, password: "wrong", ip: ip(), now });
    }
    expect(await passwordSignIn(h().db, { email: user.email, password: TEST_PASSWORD, ip: ip(), now })).toEqual({ ok: false, reason: "rate_limited" });
    expect(await passwordSignIn(h().db, { email: ghost, password: "wrong", ip: ip(), now })).toEqual({ ok: false, reason: "rate_limited" });
    // The window passes: the right password works again.
    const later = new Date(now.getTime() + SIGN_IN_LIMITS.password.perEmail.windowSeconds * 1000);
    expect((await passwordSignIn(h().db, { email: user.email, password: TEST_PASSWORD, ip: ip(), now: later })).ok).toBe(true);
  });
});

it("successful sign-ins do not use up the limit", async () => {
  const user = await createUser(h().db);
  const now = new Date("2026-05-02T09:00:00Z");
  const addr = ip();
  for (let i = 0; i < SIGN_IN_LIMITS.password.perEmail.limit * 3; i++) {
    expect((await passwordSignIn(h().db, { email: user.email, password: TEST_PASSWORD, ip: addr, now })).ok).toBe(true);
  }
  // Failures still count as before.
  for (let i = 0; i < SIGN_IN_LIMITS.password.perEmail.limit; i++) await passwordSignIn(h().db, { email: user.email, password: "wrong", ip: addr, now });
  expect(await passwordSignIn(h().db, { email: user.email, password: TEST_PASSWORD, ip: addr, now })).toEqual({ ok: false, reason: "rate_limited" });
});

describe("sign-in link", () => {
  it("emails a link that works once and names no account for unknown addresses", async () => {
    const user = await createUser(h().db, { locale: "zh-CN" });
    await requestMagicLink(h().db, { email: user.email, ip: ip() });
    const ghost = `ghost-${crypto.randomUUID()}@test.example`;
    await requestMagicLink(h().db, { email: ghost, ip: ip() });
    // Both requests only wait in the queue; the delivery tick resolves them.
    expect(await h().db.select().from(emailOutbox).where(eq(emailOutbox.to, user.email))).toHaveLength(0);
    await issueRequestedLinks(h().db);
    expect(await h().db.select().from(emailOutbox).where(eq(emailOutbox.to, ghost))).toHaveLength(0);
    const mails = await h().db.select().from(emailOutbox).where(eq(emailOutbox.to, user.email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("您的登录链接");
    const token = linkToken(mails[0]!.html);
    expect(await consumeMagicLink(h().db, token)).toEqual({ ok: true, userId: user.id });
    expect(await consumeMagicLink(h().db, token)).toEqual({ ok: false, reason: "invalid" });
  });

  it("expires after 15 minutes, and a made-up token never works", async () => {
    const user = await createUser(h().db);
    const now = new Date();
    await requestMagicLink(h().db, { email: user.email, ip: ip(), now });
    await issueRequestedLinks(h().db, { now });
    const [mail] = await h().db.select().from(emailOutbox).where(eq(emailOutbox.to, user.email));
    const token = linkToken(mail!.html);
    expect(await consumeMagicLink(h().db, token, new Date(now.getTime() + 15 * 60_000 + 1))).toEqual({ ok: false, reason: "invalid" });
    expect(await consumeMagicLink(h().db, "x".repeat(43))).toEqual({ ok: false, reason: "invalid" });
  });
});
