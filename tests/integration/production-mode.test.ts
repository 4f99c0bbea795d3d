import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import postgres from "postgres";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type DbHandle, openDatabase, setDbHandle } from "@/db/client";
import { accounts, autoRechargeSettings, payments, users } from "@/db/schema";
import { paymentsJob } from "@/lib/jobs/payments";
import { saveProviderMethod } from "@/lib/payments/methods";
import { activeProvider, paymentsSetup, providerFor, testProvider } from "@/lib/payments/registry";
import { TEST_CARDS } from "@/lib/payments/test-provider";
import { topUpWithMethod } from "@/lib/payments/top-up";
import { onPostgres, useTestDb } from "../fixtures/db";
import { createAccount } from "../fixtures/factories";

// Production is everything but BILLING_DEMO=on (the suite runs in demo mode): each test
// here switches the demo off itself and looks at what an operator or a customer would see.
const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => (await import("../fixtures/sessions")).signedInAs(session.uid) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { topUpAction } = await import("@/lib/actions/payments/top-up");
const { addTestCardAction, connectWalletAction } = await import("@/lib/actions/payments/methods");
const { saveAutoRechargeAction } = await import("@/lib/actions/payments/auto-recharge");
const { POST: webhookPost } = await import("@/app/api/payments/webhooks/[provider]/route");

const h = useTestDb();
const db = () => h().db;

function production(extra: Record<string, string> = {}) {
  vi.stubEnv("BILLING_DEMO", "");
  vi.stubEnv("STRIPE_SECRET_KEY", "");
  vi.stubEnv("PAYMENTS_TEST_PROVIDER", "");
  vi.stubEnv("AUTH_SECRET", "production-mode-test-secret");
  for (const [k, v] of Object.entries(extra)) vi.stubEnv(k, v);
}

beforeEach(() => {
  session.uid = null;
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** A finance member with a saved test card, saved while the test provider was allowed (a database that once ran the demo). */
async function accountWithTestCard(card: string = TEST_CARDS.succeeds) {
  const { account, members } = await createAccount(db(), ["finance"]);
  const method = await saveProviderMethod(db(), { accountId: account.id, provider: "test", method: testProvider.tokenizeCard({ number: card, expiry: "12/40", cvc: "123" }), who: { userId: members.finance.id } });
  return { accountId: account.id, finance: members.finance, method };
}

describe("production mode: an empty database", () => {
  it("is migrated at start-up and gets no user, no account; the log names the mode, provider, email delivery and jobs", async () => {
    // A database of this test's own, created empty, installed as the app's connection.
    let handle: DbHandle;
    let dropDb: (() => Promise<void>) | undefined;
    if (onPostgres()) {
      const url = new URL(process.env.DATABASE_URL!);
      const name = `${url.pathname.slice(1) || "billing"}_prodmode_${process.pid}`;
      const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.unsafe(`create database "${name}"`);
      url.pathname = `/${name}`;
      handle = openDatabase({ url: url.toString(), max: 2 });
      dropDb = async () => {
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      };
    } else {
      handle = openDatabase({ dir: "memory://" });
    }
    production({ IN_APP_JOBS: "off", RESEND_API_KEY: "" });
    const log: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void log.push(a.join(" ")));
    setDbHandle(handle);
    try {
      const { startServer } = await import("@/lib/server/start");
      await startServer();
      const [u] = await handle.db.select({ n: count() }).from(users);
      const [a] = await handle.db.select({ n: count() }).from(accounts);
      expect(u!.n).toBe(0);
      expect(a!.n).toBe(0);
      const text = log.join("\n");
      expect(text).toContain("PRODUCTION mode");
      expect(text).toContain("Payments: none: bank transfer only");
      expect(text).toContain("Email delivery: local outbox only");
      expect(text).toContain("Jobs: off in the app (IN_APP_JOBS=off): run them with `npm run worker`");
      expect(text).not.toContain("demo-password");
    } finally {
      spy.mockRestore();
      setDbHandle(h());
      await handle.close();
      await dropDb?.();
    }
  });
});

describe("npm run db:seed", () => {
  it("refuses outside demo mode without --demo, and writes nothing", () => {
    const scratch = mkdtempSync(path.join(tmpdir(), "bc-seed-refuse-"));
    try {
      const env = { ...process.env, BILLING_DEMO: "", PGLITE_DATA_DIR: path.join(scratch, "pglite"), DATABASE_URL: "" };
      delete (env as Record<string, string | undefined>).DATABASE_URL;
      const r = spawnSync(path.resolve("node_modules/.bin/tsx"), ["lib/cli/seed.ts"], { env, encoding: "utf8", timeout: 60_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("Refusing to seed demo data: this is production mode");
      expect(r.stderr).toContain("npm run db:seed -- --demo");
      expect(r.stdout).not.toContain("Demo sign-ins");
      expect(existsSync(path.join(scratch, "pglite"))).toBe(false);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe("production mode: no test money", () => {
  it("offers no test provider: no provider for new methods, a saved test card cannot be charged", () => {
    production();
    expect(activeProvider()).toBeNull();
    expect(paymentsSetup()).toBe("none");
    expect(() => providerFor("test")).toThrow(/not configured/);
  });

  it("the actions refuse a card top-up, adding a card or a wallet, and switching auto-recharge on; a bank transfer still works", async () => {
    const { accountId, finance, method } = await accountWithTestCard();
    production();
    session.uid = finance.id;
    const topUp = await topUpAction({ accountId, amount: "100", method: method.id, requestId: crypto.randomUUID() });
    expect(topUp).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { method: ["payments.errors.providerOff"] } });
    await expect(topUpWithMethod(db(), { accountId, methodId: method.id, amount: 100_000_000n, requestId: crypto.randomUUID(), userId: finance.id })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await addTestCardAction({ accountId, number: TEST_CARDS.succeeds, expiry: "12/40", cvc: "123" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await connectWalletAction({ accountId, kind: "alipay" })).toMatchObject({ ok: false, code: "CONFLICT" });
    const auto = await saveAutoRechargeAction({ accountId, enabled: "on", amount: "100", dayOfMonth: "3" });
    expect(auto).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { enabled: ["payments.errors.autoRechargeOff"] } });
    // Nothing was charged or switched on; no payment row was even written for the card.
    expect(await db().select().from(payments).where(eq(payments.accountId, accountId))).toHaveLength(0);
    expect(await db().select().from(autoRechargeSettings).where(eq(autoRechargeSettings.accountId, accountId))).toHaveLength(0);

    const wire = await topUpAction({ accountId, amount: "100", method: "wire", requestId: crypto.randomUUID() });
    expect(wire).toMatchObject({ ok: true, data: { status: "pending" } });
  });

  it("PAYMENTS_TEST_PROVIDER=on (staging) brings the test provider back", async () => {
    const { accountId, finance, method } = await accountWithTestCard();
    production({ PAYMENTS_TEST_PROVIDER: "on" });
    session.uid = finance.id;
    expect(paymentsSetup()).toBe("test");
    expect(await addTestCardAction({ accountId, number: TEST_CARDS.succeeds, expiry: "12/40", cvc: "123" })).toMatchObject({ ok: true });
    expect(await topUpAction({ accountId, amount: "100", method: method.id, requestId: crypto.randomUUID() })).toMatchObject({ ok: true, data: { status: "succeeded" } });
  });

  it("the payments job sends no simulated webhook: an undecided test payment stays undecided", async () => {
    // Made while the test provider was allowed: the "result arrives later" card.
    const { accountId, finance, method } = await accountWithTestCard(TEST_CARDS.unknown);
    const r = await topUpWithMethod(db(), { accountId, methodId: method.id, amount: 100_000_000n, requestId: crypto.randomUUID(), userId: finance.id });
    expect(r.status).toBe("unknown");
    const later = new Date(Date.now() + 10 * 60_000);
    production();
    const job = await paymentsJob(db(), { now: later });
    expect(job.settled).toBe(0);
    const [p] = await db().select().from(payments).where(eq(payments.id, r.payment.id));
    expect(p!.status).toBe("unknown");

    // The same job in demo mode settles it by the test provider's webhook.
    vi.unstubAllEnvs();
    expect((await paymentsJob(db(), { now: later })).settled).toBeGreaterThanOrEqual(1);
    const [settled] = await db().select().from(payments).where(eq(payments.id, r.payment.id));
    expect(settled!.status).toBe("succeeded");
  });

  it("the test provider's webhook route answers 404 with the usual error shape", async () => {
    production();
    const res = await webhookPost(new Request("http://app.test/api/payments/webhooks/test", { method: "POST", body: "{}" }), { params: Promise.resolve({ provider: "test" }) });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: "Not found." } });
  });
});
