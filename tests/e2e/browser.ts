import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";

export const DEMO_PASSWORD = "demo-password";
export const ACME = "0a1c0000-0000-4000-8000-000000000001";
export const GLOBEX = "0a1c0000-0000-4000-8000-000000000002";

/** Debian's Chromium, with the flags that keep it off a closed network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A browser for a test file, on the suite's demo server, or on the app at `baseUrl()` (a file that starts its own). */
export function useBrowser(opts: { baseUrl?: () => string } = {}) {
  const baseUrl = opts.baseUrl ?? (() => inject("baseUrl"));
  let browser: Browser | undefined;
  // Whatever the Content-Security-Policy blocked on any page of this file: a script the
  // policy refuses is a page that silently stops working, so the file fails on it.
  const blocked: string[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    expect(blocked, "Content-Security-Policy violations").toEqual([]);
  });
  async function newPage(opts: { locale?: string; viewport?: { width: number; height: number } } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser!.newContext({ baseURL: baseUrl(), locale: opts.locale ?? "en-US", viewport: opts.viewport ?? { width: 1360, height: 900 } });
    const page = await context.newPage();
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) blocked.push(`${page.url()}: ${m.text()}`);
    });
    return { context, page };
  }
  return {
    baseUrl,
    newPage,
    /** A new page signed in as `email` (see signIn), on `path` once the network is idle when one is given. */
    async signedIn(email: string, path?: string): Promise<{ context: BrowserContext; page: Page }> {
      const opened = await newPage();
      await signIn(opened.page, email);
      if (path) await opened.page.goto(path, { waitUntil: "networkidle" });
      return opened;
    },
  };
}

/**
 * Signs in with the demo password and lands on the user's account or the staff console.
 * The end-to-end files share one demo database, and a user's language is saved on the
 * user: a test that switched someone to 简体中文 and failed before switching back would
 * leave every later test of that user in Chinese. So sign-in puts the user back in
 * English unless `keepLanguage` (the test of the remembered choice) says otherwise.
 */
export async function signIn(page: Page, email: string, opts: { keepLanguage?: boolean } = {}) {
  await page.goto("/sign-in");
  const form = page.locator("form").first();
  await form.getByLabel(/^(Email|邮箱)$/).fill(email);
  await form.getByLabel(/^(Password|密码)$/).fill(DEMO_PASSWORD);
  await form.getByRole("button", { name: /^(Sign in|登录)$/ }).click();
  // "/" redirects on to the user's account or the staff console.
  await page.waitForURL((u) => /^\/(a|staff)(\/|$)/.test(u.pathname), { timeout: 30_000 });
  if (!opts.keepLanguage && (await page.locator("html").getAttribute("lang")) !== "en") {
    await hydrated(page, "[data-testid=language-switch]");
    await page.getByTestId("language-switch").selectOption("en");
    await page.waitForFunction(() => document.documentElement.lang === "en", undefined, { timeout: 20_000 });
  }
}

export async function sidebarItems(page: Page): Promise<string[]> {
  const nav = page.getByTestId("sidebar");
  await expect.poll(() => nav.count()).toBe(1);
  return (await nav.getByRole("link").allInnerTexts()).map((s) => s.trim()).filter(Boolean);
}

/** Creates an API key of `accountId` on its API keys page (as an admin) and returns the key, shown once. */
export async function createApiKey(page: Page, accountId: string, name: string): Promise<string> {
  await page.goto(`/a/${accountId}/api-keys`, { waitUntil: "networkidle" });
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  return page.getByTestId("new-api-key").innerText();
}

/** Screenshots go to docs/screenshots when UPDATE_SCREENSHOTS=1, else to a scratch folder. */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}) {
  const dir = process.env.UPDATE_SCREENSHOTS === "1" ? "docs/screenshots" : "tests/.tmp/screenshots";
  mkdirSync(dir, { recursive: true });
  // From the top: a page scrolled by a click would draw its sticky header halfway down the image.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: opts.fullPage ?? true });
}

/** Waits until React has hydrated the element, so a click or a change runs its handler rather than the bare HTML. */
export async function hydrated(page: Page, selector: string) {
  await page.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    return !!el && Object.keys(el).some((k) => k.startsWith("__react"));
  }, selector);
}

/** The first amount shown in `text` ("$1,234.56", "-$1,234.56" or "−$1,234.56"), in whole cents, without floating point. */
export function shownCents(text: string): number {
  const m = /(-|−)?\$([\d,]+)\.(\d{2})/.exec(text);
  if (!m) throw new Error(`no dollar amount in ${JSON.stringify(text)}`);
  return (m[1] ? -1 : 1) * (Number(m[2]!.replace(/,/g, "")) * 100 + Number(m[3]));
}
