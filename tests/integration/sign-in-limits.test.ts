import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { emailOutbox, magicLinkTokens } from "@/db/schema";
import { clientIp } from "@/lib/auth/client-ip";
import { consumeMagicLink, issueRequestedLinks, passwordSignIn, requestMagicLink, SIGN_IN_LIMITS } from "@/lib/auth/sign-in";
import { SIGN_IN_LINK_TTL_MS } from "@/lib/auth/sign-in-link";
import { REDEEM_LIMITS, redeemVoucher } from "@/lib/vouchers/redeem";
import { createAccount, createUser, TEST_PASSWORD } from "../fixtures/factories";
import { useTestDb } from "../fixtures/db";

// The sign-in link request runs through its server action as in Next.js; only the
// request headers (what the client sent) and the session module are stood in for.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => null, signIn: async () => {} }));
const { requestSignInLink } = await import("@/lib/actions/auth/request-magic-link");

const h = useTestDb();
const db = () => h().db;
const ghost = () => `ghost-${crypto.randomUUID()}@test.example`;
/** What a client wrote itself: a fresh made-up address on every request. */
const forged = (i: number) => new Headers({ "x-forwarded-for": `198.51.${Math.floor(i / 250)}.${i % 250}`, "x-real-ip": `192.0.2.${i % 250}` });
/**
 * A window of this run's own: the shared "unknown address" bucket is one row per window,
 * and a Postgres test database keeps rows from earlier runs.
 */
const ownWindow = (windowSeconds: number) => new Date(Date.UTC(2040, 0, 1) + Math.floor(Math.random() * 1e6) * windowSeconds * 1000 + 1000);

describe("with no proxy configured, a client cannot choose its own address", () => {
  it("50 sign-in link requests under 50 made-up X-Forwarded-For values count as one client", async () => {
    const answers = [];
    for (let i = 0; i < 50; i++) {
      request.headers = forged(i);
      answers.push(await requestSignInLink({ email: ghost() }));
    }
    const sent = answers.filter((a) => a.ok).length;
    expect(sent).toBeLessThanOrEqual(SIGN_IN_LIMITS.link.perIp.limit);
    expect(answers.at(-1)).toMatchObject({ ok: false, code: "RATE_LIMITED" });
  });

  it("behind a proxy (TRUSTED_PROXY_HOPS=1) each forwarded address is its own client", async () => {
    vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
    try {
      const answers = [];
      for (let i = 0; i < 50; i++) {
        request.headers = new Headers({ "x-forwarded-for": `6.6.6.6, 10.${i}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
        answers.push(await requestSignInLink({ email: ghost() }));
      }
      expect(answers.every((a) => a.ok)).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("50 wrong passwords for 50 emails under 50 made-up addresses share one address limit", async () => {
    const now = ownWindow(SIGN_IN_LIMITS.password.perIp.windowSeconds);
    const reasons = [];
    for (let i = 0; i < 50; i++) {
      const r = await passwordSignIn(db(), { email: ghost(), password: "guess", ip: clientIp(forged(i)), now });
      reasons.push(r.ok ? "ok" : r.reason);
    }
    expect(reasons.filter((r) => r === "invalid")).toHaveLength(SIGN_IN_LIMITS.password.perIp.limit);
    expect(reasons.slice(SIGN_IN_LIMITS.password.perIp.limit).every((r) => r === "rate_limited")).toBe(true);
  });

  it("50 made-up codes into 50 accounts under 50 made-up addresses share one address limit", async () => {
    const now = ownWindow(REDEEM_LIMITS.perIp.windowSeconds);
    const reasons = [];
    for (let i = 0; i < 50; i++) {
      const { account } = await createAccount(db(), []);
      const r = await redeemVoucher(db(), { accountId: account.id, code: `WRONG-CODE-${i}`, userId: null, ip: clientIp(forged(i)), now });
      reasons.push(r.status === "refused" ? r.reason : r.status);
    }
    expect(reasons.filter((r) => r === "invalid")).toHaveLength(REDEEM_LIMITS.perIp.limit);
    expect(reasons.slice(REDEEM_LIMITS.perIp.limit).every((r) => r === "rate_limited")).toBe(true);
  });
});

describe("a stranger who knows an email cannot keep its owner out", () => {
  it("after a stranger's wrong passwords the owner's emailed link still comes and signs in; after the window the password works again", async () => {
    const user = await createUser(db());
    const now = ownWindow(SIGN_IN_LIMITS.password.perEmail.windowSeconds);
    for (let i = 0; i < SIGN_IN_LIMITS.password.perEmail.limit * 3; i++) {
      await passwordSignIn(db(), { email: user.email, password: `guess-${i}`, ip: `203.0.113.${i}`, now });
    }
    // The password is locked for this window, right password or not...
    expect(await passwordSignIn(db(), { email: user.email, password: TEST_PASSWORD, ip: "198.51.100.7", now })).toEqual({ ok: false, reason: "rate_limited" });

    // ...but the owner asks for a link, gets it, and it signs them in.
    expect(await requestMagicLink(db(), { email: user.email, ip: "198.51.100.7", now })).toEqual({ rateLimited: false });
    // The queue is shared: on a PostgreSQL test database another file's delivery tick may
    // take this request (at its own time) or hold it for a moment, so wait for the email.
    let mail: typeof emailOutbox.$inferSelect | undefined;
    for (let i = 0; i < 100 && !mail; i++) {
      await issueRequestedLinks(db(), { now });
      [mail] = await db().select().from(emailOutbox).where(eq(emailOutbox.to, user.email));
      if (!mail) await new Promise((r) => setTimeout(r, 100));
    }
    const token = mail!.html.match(/token=([A-Za-z0-9_-]{20,})/)![1]!;
    // A minute after it was issued, whichever tick issued it.
    const [link] = await db().select({ expiresAt: magicLinkTokens.expiresAt }).from(magicLinkTokens).where(eq(magicLinkTokens.userId, user.id));
    expect(await consumeMagicLink(db(), token, new Date(link!.expiresAt.getTime() - SIGN_IN_LINK_TTL_MS + 60_000))).toEqual({ ok: true, userId: user.id });

    const later = new Date(now.getTime() + SIGN_IN_LIMITS.password.perEmail.windowSeconds * 1000);
    expect(await passwordSignIn(db(), { email: user.email, password: TEST_PASSWORD, ip: "198.51.100.7", now: later })).toEqual({ ok: true, userId: user.id });
  });
});
