import { mkdirSync } from "node:fs";
import type { BrowserContext, Cookie, Page } from "playwright-core";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { ACME, DEMO_PASSWORD, hydrated, screenshot, signIn, useBrowser } from "./browser";

/**
 * Sign-out means signed out: a copy of the session cookie taken before sign-out, sign out of
 * all devices, removal from the account, or staff disabling the user, gets the sign-in page
 * (and 401 from a route handler) at once in a fresh browser. Each test invites a user of
 * its own into Acme, so no demo user another file signs in as is signed out or disabled.
 */
const b = useBrowser();
const SHOTS = "/tmp/bc/sessions";
mkdirSync(SHOTS, { recursive: true });

/** The newest email to `to`: from the demo mailbox on the embedded database, else from the outbox table. */
async function newestEmailHtml(page: Page, to: string, subject: RegExp): Promise<string> {
  const url = inject("databaseUrl");
  if (!url) {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
    await page.getByRole("link", { name: subject }).first().click();
    return (await page.getByTestId("email-preview").locator("iframe").getAttribute("srcdoc")) ?? "";
  }
  const sql = postgres(url, { max: 1 });
  try {
    const [row] = await sql<{ html: string }[]>`select html from email_outbox where "to" = ${to} order by created_at desc limit 1`;
    return row?.html ?? "";
  } finally {
    await sql.end();
  }
}

interface Fresh {
  email: string;
  name: string;
  /** The new user's own browser, signed in by accepting the invitation. */
  user: { context: BrowserContext; page: Page };
  /** Acme's owner, who invited them. */
  owner: { context: BrowserContext; page: Page };
}

/** Acme's owner invites a new address; its browser accepts, choosing the demo password, and is signed in. */
async function freshMember(label: string): Promise<Fresh> {
  const email = `sessions-${label}-${crypto.randomUUID().slice(0, 8)}@acme.example`;
  const name = `Session ${label}`;
  const owner = await b.newPage();
  await signIn(owner.page, "owner@acme.example");
  await owner.page.goto(`/a/${ACME}/members`);
  await hydrated(owner.page, "#invite-email");
  await owner.page.locator("#invite-email").fill(email);
  await owner.page.getByRole("button", { name: "Send invitation" }).click();
  await expect.poll(() => owner.page.getByText(`Invitation sent to ${email}.`).count()).toBe(1);

  const html = await newestEmailHtml(owner.page, email, /invited you to/);
  const href = html.match(/\/invite\/[A-Za-z0-9_-]{20,}/)?.[0];
  expect(href, "invitation link").toBeTruthy();
  const user = await b.newPage();
  await user.page.goto(href!);
  await user.page.getByLabel("Your name").fill(name);
  await user.page.getByLabel("Choose a password").fill(DEMO_PASSWORD);
  await user.page.getByRole("button", { name: "Create your sign-in and join" }).click();
  await user.page.waitForURL((u) => u.pathname.startsWith(`/a/${ACME}`), { timeout: 30_000 });
  return { email, name, user, owner };
}

const sessionCookie = async (context: BrowserContext): Promise<Cookie> => {
  const c = (await context.cookies()).find((x) => x.name.endsWith("authjs.session-token"));
  if (!c) throw new Error("no session cookie");
  return c;
};

/**
 * A fresh browser holding only `cookie`: where a page of the console takes it, and what a
 * route handler of the account answers it.
 */
async function withCookie(cookie: Cookie): Promise<{ path: string; route: number }> {
  const { context, page } = await b.newPage();
  try {
    await context.addCookies([cookie]);
    await page.goto(`/a/${ACME}/resources`);
    const res = await context.request.get(`/a/${ACME}/resources/orders/export`, { maxRedirects: 0 });
    return { path: new URL(page.url()).pathname, route: res.status() };
  } finally {
    await context.close();
  }
}

const SIGNED_IN = { path: `/a/${ACME}/resources`, route: 200 };
const SIGNED_OUT = { path: "/sign-in", route: 401 };

async function openUserMenu(page: Page) {
  await hydrated(page, "[data-testid=user-menu]");
  await page.getByTestId("user-menu").click();
  await expect.poll(() => page.getByTestId("sign-out-everywhere").isVisible()).toBe(true);
}

describe("sign-out means signed out", () => {
  it("after sign-out, a copy of the old session cookie gets the sign-in page and 401", async () => {
    const f = await freshMember("out");
    const cookie = await sessionCookie(f.user.context);
    expect(await withCookie(cookie)).toEqual(SIGNED_IN);

    await openUserMenu(f.user.page);
    await f.user.page.getByRole("button", { name: "Sign out", exact: true }).click();
    await f.user.page.waitForURL(/\/sign-in/);
    expect(await withCookie(cookie)).toEqual(SIGNED_OUT);
    await f.user.context.close();
    await f.owner.context.close();
  });

  it("sign out of all devices, from the user menu, ends the session of every browser", async () => {
    const f = await freshMember("all");
    const laptop = f.user;
    const phone = await b.newPage();
    await signIn(phone.page, f.email);
    const laptopCookie = await sessionCookie(laptop.context);
    const phoneCookie = await sessionCookie(phone.context);
    expect(await withCookie(laptopCookie)).toEqual(SIGNED_IN);

    await openUserMenu(phone.page);
    await phone.page.screenshot({ path: `${SHOTS}/user-menu.en.png` });
    await screenshot(phone.page, "user-menu-sign-out-everywhere.en");
    // The same menu in 简体中文 (the user's own choice; this user is this test's own).
    await phone.page.keyboard.press("Escape");
    await hydrated(phone.page, "[data-testid=language-switch]");
    await phone.page.getByTestId("language-switch").selectOption("zh-CN");
    await phone.page.waitForFunction(() => document.documentElement.lang === "zh-CN", undefined, { timeout: 20_000 });
    await openUserMenu(phone.page);
    expect(await phone.page.getByTestId("sign-out-everywhere").innerText()).toContain("退出所有设备");
    await phone.page.screenshot({ path: `${SHOTS}/user-menu.zh-CN.png` });

    await phone.page.getByTestId("sign-out-everywhere").click();
    await phone.page.waitForURL(/\/sign-in/);
    expect(await withCookie(laptopCookie)).toEqual(SIGNED_OUT);
    expect(await withCookie(phoneCookie)).toEqual(SIGNED_OUT);
    // The laptop itself, still holding its cookie, is out on its next page.
    await laptop.page.goto(`/a/${ACME}/resources`);
    expect(new URL(laptop.page.url()).pathname).toBe("/sign-in");
    // Signing in again works.
    await signIn(phone.page, f.email);
    await phone.context.close();
    await laptop.context.close();
    await f.owner.context.close();
  });

  it("removal from the account ends the removed member's session at once", async () => {
    const f = await freshMember("removed");
    const cookie = await sessionCookie(f.user.context);
    expect(await withCookie(cookie)).toEqual(SIGNED_IN);

    const owner = f.owner.page;
    await owner.goto(`/a/${ACME}/members`);
    const row = owner.getByTestId(`member-${f.email}`);
    await hydrated(owner, `[data-testid="member-${f.email}"] button[aria-label="Remove ${f.email}"]`);
    owner.once("dialog", (d) => void d.accept());
    await row.getByRole("button", { name: `Remove ${f.email}` }).click();
    await expect.poll(() => row.count()).toBe(0);

    expect(await withCookie(cookie)).toEqual(SIGNED_OUT);
    await f.user.page.goto(`/a/${ACME}/resources`);
    expect(new URL(f.user.page.url()).pathname).toBe("/sign-in");
    await f.user.context.close();
    await f.owner.context.close();
  });

  it("staff-finance disabling the user, with a reason and a confirmation, ends their session and refuses sign-in", async () => {
    const f = await freshMember("disabled");
    const cookie = await sessionCookie(f.user.context);
    expect(await withCookie(cookie)).toEqual(SIGNED_IN);

    const staff = await b.newPage();
    await signIn(staff.page, "staff@billing.example");
    await staff.page.goto(`/staff/accounts/${ACME}`);
    const row = staff.page.getByTestId("account-members").locator("tr", { hasText: f.email });
    await expect.poll(() => row.getByTestId("member-access").innerText()).toBe("Active");
    await hydrated(staff.page, "[data-testid=user-access]");
    await row.getByRole("button", { name: "Disable user" }).click();
    const dialog = staff.page.getByTestId("user-access-dialog");
    // No reason: refused in the form, nothing written.
    await dialog.getByRole("button", { name: "Review" }).click();
    await expect.poll(() => dialog.getByText("Say why (3 to 500 characters).").count()).toBe(1);
    await dialog.getByLabel("Reason (recorded in the audit log)").fill("Owner reported the laptop stolen");
    await dialog.getByRole("button", { name: "Review" }).click();
    const confirm = staff.page.getByTestId("user-access-confirm");
    await expect.poll(() => confirm.innerText()).toContain(`Every session of ${f.name} ends now`);
    expect(await withCookie(cookie)).toEqual(SIGNED_IN); // nothing happens before Confirm
    await dialog.screenshot({ path: `${SHOTS}/staff-disable-confirm.en.png` });
    await screenshot(staff.page, "staff-disable-user-confirm.en");

    await staff.page.getByTestId("user-access-submit").click();
    await expect.poll(() => staff.page.getByTestId("user-access-result").innerText()).toMatch(new RegExp(`^${f.name} is disabled; \\d+ sessions? ended\\.$`));
    expect(await withCookie(cookie)).toEqual(SIGNED_OUT);
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect.poll(() => row.getByTestId("member-access").innerText()).toBe("Disabled");

    // The password no longer signs them in.
    const again = await b.newPage();
    await again.page.goto("/sign-in");
    const form = again.page.locator("form").first();
    await form.getByLabel("Email").fill(f.email);
    await form.getByLabel("Password").fill(DEMO_PASSWORD);
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => form.getByRole("alert").innerText()).toMatch(/email or password is not correct/);
    await again.context.close();

    await staff.context.close();
    await f.user.context.close();
    await f.owner.context.close();
  });
});
