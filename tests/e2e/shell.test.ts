import { describe, expect, it } from "vitest";
import { ACME, GLOBEX, sidebarItems, signIn, useBrowser } from "./browser";

const b = useBrowser();

const BILLING = ["Overview", "Transactions", "Cost explorer", "Usage detail", "Budgets", "Vouchers", "Invoices", "Payments", "Contracts", "Payment methods", "Settings"];

describe("each role sees exactly its menu", () => {
  it.each([
    ["owner@acme.example", [...BILLING, "Resources", "Members"]],
    ["admin@acme.example", [...BILLING, "Resources", "Members"]],
    ["finance@acme.example", [...BILLING, "Resources"]],
    ["member@acme.example", ["Resources"]],
  ])("%s", async (email, expected) => {
    const { context, page } = await b.newPage();
    await signIn(page, email);
    expect(page.url()).toContain(`/a/${ACME}/`);
    expect(await sidebarItems(page)).toEqual(expected);
    await context.close();
  });

  it("staff land in the staff console", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "staff@billing.example");
    expect(new URL(page.url()).pathname).toBe("/staff");
    await context.close();
  });
});

describe("pages refuse what a role may not see", () => {
  it("a plain member gets 403 on the Billing Center and Members by direct URL", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "member@acme.example");
    for (const path of ["billing", "billing/invoices", "billing/transactions", "members"]) {
      const res = await page.goto(`/a/${ACME}/${path}`);
      expect(res!.status(), path).toBe(403);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toMatch(/access/i);
    }
    await context.close();
  });

  it("a finance member gets 403 on Members, and customers never reach /staff", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "finance@acme.example");
    expect((await page.goto(`/a/${ACME}/members`))!.status()).toBe(403);
    expect((await page.goto("/staff"))!.status()).toBe(403);
    expect((await page.goto("/staff/outbox"))!.status()).toBe(403);
    await context.close();
  });
});

describe("accounts are walled off from each other", () => {
  it("Acme's owner cannot open Globex's pages: they do not exist for them", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "owner@acme.example");
    for (const path of ["billing", "members", "resources"]) {
      expect((await page.goto(`/a/${GLOBEX}/${path}`))!.status(), path).toBe(404);
    }
    await context.close();
  });

  it("Acme's owner cannot call Globex's actions, even by rewriting the form", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "owner@acme.example");
    await page.goto(`/a/${ACME}/members`);
    const form = page.locator("form", { has: page.getByRole("button", { name: "Send invitation" }) });
    await form.locator('input[name="accountId"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), GLOBEX);
    await form.getByLabel("Email").fill("intruder@evil.example");
    await form.getByRole("button", { name: "Send invitation" }).click();
    await expect.poll(() => form.getByRole("alert").innerText()).toBe("Not found.");
    await context.close();

    // Globex's own admin sees no such invitation.
    const other = await b.newPage();
    await signIn(other.page, "admin@globex.example");
    await other.page.goto(`/a/${GLOBEX}/members`);
    expect(await other.page.getByText("intruder@evil.example").count()).toBe(0);
    await other.context.close();
  });
});

describe("session", () => {
  it("signs out, and the console is closed afterwards", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "finance@acme.example");
    await page.getByTestId("user-menu").click();
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto(`/a/${ACME}/billing`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await context.close();
  });

  it("a wrong password is refused with a message that does not say which part was wrong", async () => {
    const { context, page } = await b.newPage();
    await page.goto("/sign-in");
    const form = page.locator("form").first();
    await form.getByLabel("Email").fill("finance@acme.example");
    await form.getByLabel("Password").fill("not-the-password");
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => form.getByRole("alert").innerText()).toBe("The email or password is not correct.");
    await context.close();
  });
});

describe("several accounts", () => {
  it("a user in two accounts switches between them and sees each one's menu for their role there", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "consultant@partners.example");
    expect(page.url()).toContain(`/a/${ACME}/billing`);
    expect(await sidebarItems(page)).toEqual([...BILLING, "Resources"]);
    await page.getByTestId("account-switcher").selectOption(GLOBEX);
    await page.waitForURL(new RegExp(`/a/${GLOBEX}/resources`));
    expect(await sidebarItems(page)).toEqual(["Resources"]);
    // The last account is remembered for the next sign-in.
    await context.close();
    const again = await b.newPage();
    await signIn(again.page, "consultant@partners.example");
    expect(again.page.url()).toContain(`/a/${GLOBEX}/resources`);
    await again.context.close();
  });
});

describe("security headers", () => {
  it("no other site may frame the console, and referrers stay on the origin", async () => {
    const res = await fetch(`${b.baseUrl()}/sign-in`);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });
});
