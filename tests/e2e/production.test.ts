import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { accounts, memberships, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { freePort, freshAppDatabase } from "../fixtures/fresh-database";
import { hydrated, launchChromium, screenshot } from "./browser";

// A second `next start` of the same build, in production: no BILLING_DEMO, a database of
// its own (a fresh PGlite folder, or a fresh PostgreSQL database as global-setup makes),
// no Stripe, no Resend. A customer is written into that database before the server opens
// it (PGlite has one owner at a time), since production seeds nobody.
const PASSWORD = "a-production-password-1";
const EMAIL = "finance@customer.example";
let baseUrl = "";
let server: ChildProcess;
let log = "";
let accountId = "";
let cleanup: () => Promise<void> = async () => {};
let browser: Browser;

/** The operator's customer, made before the server starts: a finance member of one account. */
async function addCustomer(dbEnv: Record<string, string>) {
  const handle = openDatabase({ url: dbEnv.DATABASE_URL, dir: dbEnv.PGLITE_DATA_DIR, owner: "cli", max: 1 });
  try {
    await migrateDatabase(handle);
    const [account] = await handle.db.insert(accounts).values({ name: "Customer Ltd" }).returning();
    const [user] = await handle.db.insert(users).values({ email: EMAIL, name: "Fay Finance", passwordHash: await hashPassword(PASSWORD), lastAccountId: account!.id }).returning();
    await handle.db.insert(memberships).values({ accountId: account!.id, userId: user!.id, role: "finance" });
    accountId = account!.id;
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  const database = await freshAppDatabase("e2e_production");
  cleanup = database.drop;
  const dbEnv = database.env;
  await addCustomer(dbEnv);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, ...dbEnv, AUTH_SECRET: randomBytes(32).toString("base64url"), AUTH_URL: baseUrl, PORT: String(port), NODE_ENV: "production", NEXT_MANUAL_SIG_HANDLE: "true" };
  // Production: everything the demo or a provider would switch on is absent.
  for (const k of ["BILLING_DEMO", "PAYMENTS_TEST_PROVIDER", "STRIPE_SECRET_KEY", "RESEND_API_KEY", "IN_APP_JOBS", "HOST", "DEMO_MAILBOX"]) delete env[k];
  if (!dbEnv.DATABASE_URL) delete env.DATABASE_URL;
  server = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the production server exited:\n${log}`);
    try {
      if ((await fetch(`${baseUrl}/sign-in`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`the production server did not start in 90 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    /* already gone */
  }
  await new Promise((r) => setTimeout(r, 1500));
  await cleanup();
});

async function signedInPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: "en-US", viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  const form = page.locator("form").first();
  await form.getByLabel("Email").fill(EMAIL);
  await form.getByLabel("Password").fill(PASSWORD);
  await form.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => u.pathname.startsWith(`/a/${accountId}`), { timeout: 30_000 });
  return page;
}

describe("production mode (npm start without BILLING_DEMO)", () => {
  it("says at start-up which mode, payment provider, email delivery and job mode are active, and seeds no demo", () => {
    expect(log).toContain("Billing Center in PRODUCTION mode");
    expect(log).toContain("Payments: none: bank transfer only");
    expect(log).toContain("Email delivery: local outbox only");
    expect(log).toContain("Jobs: in-app");
    expect(log).not.toContain("demo-password");
  });

  it("has no test payment webhook and no demo mailbox: both are 404", async () => {
    const hook = await fetch(`${baseUrl}/api/payments/webhooks/test`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id: "evt_x", type: "payment.succeeded", data: { providerPaymentId: "pi_x" } }) });
    expect(hook.status).toBe(404);
    expect(await hook.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    // Even from this machine, and whatever a client claims in X-Forwarded-For.
    const mailbox = await fetch(`${baseUrl}/dev/mailbox`, { headers: { "x-forwarded-for": "127.0.0.1" } });
    expect(mailbox.status).toBe(404);
    const body = await mailbox.text();
    expect(body.includes("Page not found")).toBe(true);
    expect(body.includes("Demo mailbox · Billing Center")).toBe(false); // not even its title
  });

  it("nobody can sign in with the demo's published password", async () => {
    const context = await browser.newContext({ baseURL: baseUrl });
    const page = await context.newPage();
    await page.goto("/sign-in");
    const form = page.locator("form").first();
    await form.getByLabel("Email").fill("staff@billing.example");
    await form.getByLabel("Password").fill("demo-password");
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => form.getByRole("alert").count()).toBeGreaterThan(0);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await context.close();
  });

  it("the top-up page offers bank transfer only and says why, in English and 简体中文; no card can be added", async () => {
    const page = await signedInPage();
    await page.goto(`/a/${accountId}/billing/top-up`);
    const form = page.getByRole("form", { name: "Top up" });
    const methods = form.getByRole("radio");
    expect(await methods.count()).toBe(1);
    expect(await form.getByRole("radio", { name: /Bank transfer/ }).count()).toBe(1);
    expect(await page.getByText(/Card, PayPal and Alipay payments are not set up on this platform yet; pay by bank transfer\./).count()).toBe(1);
    expect(await page.getByText(/Visa|4242|Add a payment method/).count()).toBe(0);
    expect(await page.getByText("Add funds to the account balance by bank transfer.").count()).toBe(1);
    await screenshot(page, "production-top-up.en");

    await page.goto(`/a/${accountId}/billing/payment-methods`);
    expect(await page.getByRole("form", { name: "Add a card" }).count()).toBe(0);
    expect(await page.getByTestId("no-card-payments").count()).toBe(2);
    expect(await page.getByRole("button", { name: /PayPal|Alipay/ }).count()).toBe(0);
    await screenshot(page, "production-payment-methods.en");

    // Auto-recharge would charge a card: it cannot be switched on, and the page says why.
    await page.goto(`/a/${accountId}/billing/auto-recharge`);
    expect(await page.getByRole("checkbox").isDisabled()).toBe(true);
    expect(await page.getByText(/Auto-recharge charges a card, PayPal or Alipay, and those payments are not set up on this platform yet/).count()).toBe(1);

    await page.goto(`/a/${accountId}/billing/top-up`);
    await hydrated(page, "[data-testid=language-switch]");
    await page.getByTestId("language-switch").selectOption("zh-CN");
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN", undefined, { timeout: 20_000 });
    await expect.poll(() => page.getByText("本平台尚未开通银行卡、PayPal 和支付宝支付，请通过银行转账付款。").count()).toBe(1);
    expect(await page.getByRole("radio").count()).toBe(1);
    await screenshot(page, "production-top-up.zh-CN");
    await page.context().close();
  });
});
