import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { auditLog, emailOutbox, magicLinkTokens, userSessions } from "@/db/schema";
import { endAllSessions, startSession } from "@/lib/auth/session-store";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { consumeMagicLink, passwordSignIn, requestMagicLink } from "@/lib/auth/sign-in";
import { removeMember } from "@/lib/members/manage";
import { useTestDb } from "../fixtures/db";
import { createAccount, createUser, TEST_PASSWORD } from "../fixtures/factories";

// The real resolver (lib/auth/session.ts) and actions; only next-auth's cookie decoding, the
// request headers and its sign-out redirect are stood in for. `auth()` answers with the
// token of whichever browser is "current".
const browser = vi.hoisted(() => ({ token: null as { uid: string; sid?: string } | null, signOuts: 0 }));
vi.mock("@/lib/auth/index", () => ({
  auth: async () => browser.token,
  signOut: async () => {
    browser.signOuts++;
  },
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "Mozilla/5.0 Chromium/140", "x-forwarded-for": "203.0.113.7" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
// Behind one reverse proxy, so the address recorded is the X-Forwarded-For above.
vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
// next-auth itself does not load outside Next.js; the config's callbacks are what is tested.
vi.mock("next-auth", () => ({ CredentialsSignin: class extends Error {} }));
vi.mock("next-auth/providers/credentials", () => ({ default: (o: unknown) => o }));

const { getSessionUser } = await import("@/lib/auth/session");
const { authConfig } = await import("@/lib/auth/config");
const { signOutAction } = await import("@/lib/actions/user/sign-out");
const { signOutEverywhereAction } = await import("@/lib/actions/user/sign-out-everywhere");
const { setUserAccessAction } = await import("@/lib/actions/staff/set-user-access");

const h = useTestDb({ max: 4 });
const db = () => h().db;

/** Signs in as the sign-in callback does: a new record, its id in the token. */
async function signIn(userId: string) {
  const jwt = authConfig().callbacks!.jwt!;
  const token = (await jwt({ token: {}, user: { id: userId }, trigger: "signIn", account: null } as never)) as { uid: string; sid: string };
  return token;
}
/** Who the resolver says the browser holding `token` is, as a page, action or route would see it. */
async function whoIs(token: { uid: string; sid?: string } | null) {
  browser.token = token;
  return (await getSessionUser())?.id ?? null;
}

describe("server-side sessions", () => {
  it("sign-in writes a record with the browser and address; the token names it and resolves to the user", async () => {
    const user = await createUser(db());
    const token = await signIn(user.id);
    expect(token.uid).toBe(user.id);
    const [row] = await db().select().from(userSessions).where(eq(userSessions.id, token.sid));
    expect(row).toMatchObject({ userId: user.id, userAgent: "Mozilla/5.0 Chromium/140", ip: "203.0.113.7", revokedAt: null });
    expect(await whoIs(token)).toBe(user.id);
  });

  it("refuses a token with no record, an unknown record, or another user's record", async () => {
    const a = await createUser(db());
    const b = await createUser(db());
    const bToken = await signIn(b.id);
    expect(await whoIs({ uid: a.id })).toBeNull(); // a token from before records (or forged without one)
    expect(await whoIs({ uid: a.id, sid: crypto.randomUUID() })).toBeNull();
    expect(await whoIs({ uid: a.id, sid: bToken.sid })).toBeNull();
    expect(await whoIs({ uid: a.id, sid: "not-a-uuid" })).toBeNull();
  });

  it("sign-out ends this browser's session at once; the user's other browser stays signed in", async () => {
    const user = await createUser(db());
    const laptop = await signIn(user.id);
    const phone = await signIn(user.id);
    browser.token = laptop;
    await signOutAction(new FormData());
    expect(await whoIs(laptop)).toBeNull();
    expect(await whoIs(phone)).toBe(user.id);
    const [row] = await db().select().from(userSessions).where(eq(userSessions.id, laptop.sid));
    expect(row).toMatchObject({ revokedReason: "sign_out" });
    // Signing out again with the dead cookie still clears it (a redirect, not a silent no-op).
    const before = browser.signOuts;
    browser.token = laptop;
    await signOutAction(new FormData());
    expect(browser.signOuts).toBe(before + 1);
  });

  it("sign out of all devices ends every session of the user, with one audit record; other users are untouched", async () => {
    const user = await createUser(db());
    const other = await createUser(db());
    const [laptop, phone, tablet] = [await signIn(user.id), await signIn(user.id), await signIn(user.id)];
    const otherToken = await signIn(other.id);
    browser.token = laptop;
    await signOutEverywhereAction(new FormData());
    for (const t of [laptop, phone, tablet]) expect(await whoIs(t)).toBeNull();
    expect(await whoIs(otherToken)).toBe(other.id);
    const records = await db().select().from(auditLog).where(and(eq(auditLog.actorUserId, user.id), eq(auditLog.action, "user.sign_out_everywhere")));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ ip: "203.0.113.7", data: { sessions: 3 } });
  });

  it("a password change's endAllSessions(except) keeps the browser that made it and ends the rest", async () => {
    const user = await createUser(db());
    const here = await signIn(user.id);
    const elsewhere = await signIn(user.id);
    expect(await endAllSessions(db(), user.id, { reason: "password_change", except: here.sid })).toBe(1);
    expect(await whoIs(here)).toBe(user.id);
    expect(await whoIs(elsewhere)).toBeNull();
  });

  it("removal from an account ends the removed member's sessions at once", async () => {
    const { account, members } = await createAccount(db(), ["owner", "member"]);
    const memberToken = await signIn(members.member.id);
    const ownerToken = await signIn(members.owner.id);
    await removeMember(db(), { userId: members.owner.id, name: members.owner.name, role: "owner" }, { accountId: account.id, userId: members.member.id });
    expect(await whoIs(memberToken)).toBeNull();
    expect(await whoIs(ownerToken)).toBe(members.owner.id);
    const [record] = await db().select().from(auditLog).where(and(eq(auditLog.accountId, account.id), eq(auditLog.action, "member.remove")));
    expect(record!.data).toMatchObject({ sessionsEnded: 1 });
  });

  it("a session not seen for 8 hours is refused; last seen is written at most once a minute", async () => {
    const user = await createUser(db());
    const t0 = new Date("2026-12-02T08:00:00Z");
    const { resolveSession } = await import("@/lib/auth/session-store");
    const sid = await startSession(db(), { userId: user.id, now: t0 });
    const lastSeen = async () => (await db().select().from(userSessions).where(eq(userSessions.id, sid)))[0]!.lastSeenAt.toISOString();
    expect(await resolveSession(db(), { userId: user.id, sessionId: sid, now: new Date("2026-12-02T08:00:30Z") })).not.toBeNull();
    expect(await lastSeen()).toBe("2026-12-02T08:00:00.000Z");
    await resolveSession(db(), { userId: user.id, sessionId: sid, now: new Date("2026-12-02T08:01:30Z") });
    expect(await lastSeen()).toBe("2026-12-02T08:01:30.000Z");
    expect(await resolveSession(db(), { userId: user.id, sessionId: sid, now: new Date("2026-12-02T16:01:29Z") })).not.toBeNull();
    expect(await resolveSession(db(), { userId: user.id, sessionId: sid, now: new Date("2026-12-03T00:01:31Z") })).toBeNull();
  });
});

describe("staff disabling a user", () => {
  async function setup() {
    const { account, members } = await createAccount(db(), ["owner", "finance"]);
    const finance = await createUser(db(), { staffRole: "finance" });
    const support = await createUser(db(), { staffRole: "support" });
    return { accountId: account.id, target: members.finance, owner: members.owner, finance, support, staff: { finance: await signIn(finance.id), support: await signIn(support.id) } };
  }
  const records = (accountId: string, userId: string) =>
    db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.accountId, accountId), eq(auditLog.targetId, userId)));

  it("ends the user's sessions at once, refuses sign-in by password and link, and leaves one audit record with the reason", async () => {
    const s = await setup();
    const targetToken = await signIn(s.target.id);
    const ownerToken = await signIn(s.owner.id);
    // A link requested before the user was disabled.
    const { token: link, hash } = newToken();
    await db().insert(magicLinkTokens).values({ tokenHash: hash, userId: s.target.id, expiresAt: new Date(Date.now() + 600_000) });

    browser.token = s.staff.finance;
    const r = await setUserAccessAction({ accountId: s.accountId, userId: s.target.id, disabled: true, reason: "Reported as compromised" });
    expect(r).toEqual({ ok: true, data: { changed: true, sessionsEnded: 1 } });
    expect(await whoIs(targetToken)).toBeNull();
    expect(await whoIs(ownerToken)).toBe(s.owner.id);

    expect(await passwordSignIn(db(), { email: s.target.email, password: TEST_PASSWORD, ip: null })).toEqual({ ok: false, reason: "invalid" });
    expect(await consumeMagicLink(db(), link)).toEqual({ ok: false, reason: "invalid" });
    expect(hashToken(link)).toBe(hash);
    await requestMagicLink(db(), { email: s.target.email, ip: null });
    expect(await db().select().from(emailOutbox).where(eq(emailOutbox.to, s.target.email))).toHaveLength(0);

    const audits = await records(s.accountId, s.target.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "staff.user.disable", actorUserId: s.finance.id, actorKind: "staff", reason: "Reported as compromised", ip: "203.0.113.7" });

    // A second Confirm changes nothing and records nothing.
    browser.token = s.staff.finance;
    expect(await setUserAccessAction({ accountId: s.accountId, userId: s.target.id, disabled: true, reason: "Reported as compromised" })).toEqual({ ok: true, data: { changed: false, sessionsEnded: 0 } });
    expect(await records(s.accountId, s.target.id)).toHaveLength(1);

    // Enabled again: sign-in works, the ended session stays ended.
    browser.token = s.staff.finance;
    expect(await setUserAccessAction({ accountId: s.accountId, userId: s.target.id, disabled: false, reason: "Owner confirmed the account is safe" })).toMatchObject({ ok: true, data: { changed: true } });
    expect(await passwordSignIn(db(), { email: s.target.email, password: TEST_PASSWORD, ip: null })).toEqual({ ok: true, userId: s.target.id });
    expect(await whoIs(targetToken)).toBeNull();
    expect((await records(s.accountId, s.target.id)).map((a) => a.action).sort()).toEqual(["staff.user.disable", "staff.user.enable"]);
  });

  it("support staff, a customer, a missing reason, another account's member and a staff user are refused, and nothing changes", async () => {
    const s = await setup();
    const targetToken = await signIn(s.target.id);
    const elsewhere = await createAccount(db(), ["member"]);
    const input = { accountId: s.accountId, userId: s.target.id, disabled: true, reason: "Reported as compromised" };

    browser.token = s.staff.support;
    expect(await setUserAccessAction(input)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    browser.token = await signIn(s.owner.id);
    expect(await setUserAccessAction(input)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    browser.token = s.staff.finance;
    expect(await setUserAccessAction({ ...input, reason: " x " })).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { reason: ["staff.confirm.errors.reason"] } });
    browser.token = s.staff.finance;
    expect(await setUserAccessAction({ ...input, userId: elsewhere.members.member.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    // A staff user who is also a member of the account.
    const { memberships } = await import("@/db/schema");
    await db().insert(memberships).values({ accountId: s.accountId, userId: s.support.id, role: "member" });
    browser.token = s.staff.finance;
    expect(await setUserAccessAction({ ...input, userId: s.support.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });

    expect(await whoIs(targetToken)).toBe(s.target.id);
    expect(await whoIs(s.staff.support)).toBe(s.support.id);
    expect(await records(s.accountId, s.target.id)).toHaveLength(0);
  });
});
