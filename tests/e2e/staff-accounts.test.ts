import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, hydrated, screenshot, useBrowser } from "./browser";

/**
 * Finance staff create a customer account on the staff console's accounts page; its owner's
 * invitation arrives in the demo mailbox (on a database server, the outbox table), the owner
 * accepts it with a new sign-in and sees the new account's empty overview. Support staff do
 * not see the form. Each test creates accounts and owners of its own.
 */
const b = useBrowser();
const uniq = () => crypto.randomUUID().slice(0, 8);

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The newest email to `to`: from the demo mailbox on the embedded database, else from the outbox table. */
async function newestEmail(page: Page, to: string, subject: RegExp): Promise<{ subject: string; html: string }> {
  const url = inject("databaseUrl");
  if (!url) {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
    const link = page.getByRole("link", { name: subject }).first();
    const title = (await link.innerText()).trim();
    await link.click();
    return { subject: title, html: (await page.getByTestId("email-preview").locator("iframe").getAttribute("srcdoc")) ?? "" };
  }
  const sql = postgres(url, { max: 1 });
  try {
    const [row] = await sql<{ subject: string; html: string }[]>`select subject, html from email_outbox where "to" = ${to} order by created_at desc limit 1`;
    return row ?? { subject: "", html: "" };
  } finally {
    await sql.end();
  }
}

describe("staff create a customer account", () => {
  it("finance staff: a refused form keeps what was typed; the created account is linked; the owner accepts and sees the empty overview", async () => {
    const name = `Initech ${uniq()}`;
    const owner = `owner-${uniq()}@initech.example`;
    const staff = await b.signedIn("staff@billing.example", "/staff");
    const page = staff.page;
    await hydrated(page, "[data-testid=new-account-form] button[type=submit]");
    expect(await page.getByRole("heading", { name: "New customer account" }).count()).toBe(1);

    await page.getByLabel("Account name").fill(name);
    await page.getByLabel("Owner's email").fill("not-an-address");
    await page.getByTestId("new-account-submit").click();
    await expect.poll(() => page.getByText("Enter a valid email address, such as name@example.com.").count()).toBe(1);
    expect(await page.getByLabel("Account name").inputValue()).toBe(name);
    expect(await page.getByLabel("Owner's email").inputValue()).toBe("not-an-address");
    expect(await page.getByText("Nothing was created.").count()).toBe(1);
    expect(await page.getByLabel("Owner's email").getAttribute("aria-invalid")).toBe("true");
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "staff-new-account.invalid");

    await page.getByLabel("Owner's email").fill(owner);
    await page.getByTestId("new-account-submit").click();
    await expect.poll(() => page.getByTestId("new-account-created").count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId("new-account-created").innerText()).toContain(`invitation is on its way to ${owner}`);
    // Ready for the next one.
    expect(await page.getByLabel("Account name").inputValue()).toBe("");
    await page.getByTestId("new-account-link").click();
    await page.waitForURL((u) => /^\/staff\/accounts\/[0-9a-f-]{36}$/.test(u.pathname));
    const accountId = new URL(page.url()).pathname.split("/").at(-1)!;
    expect(await page.getByRole("heading", { name }).count()).toBeGreaterThan(0);

    const mail = await newestEmail(page, owner, /invited you to/);
    expect(mail.subject).toContain(`Sam Staff invited you to ${name}`);
    const href = mail.html.match(/\/invite\/[A-Za-z0-9_-]{20,}/)?.[0];
    expect(href, "invitation link").toBeTruthy();
    await staff.context.close();

    const invited = await b.newPage();
    await invited.page.goto(href!);
    await invited.page.getByLabel("Your name").fill("Bill Lumbergh");
    await invited.page.getByLabel("Choose a password").fill(DEMO_PASSWORD);
    await invited.page.getByRole("button", { name: "Create your sign-in and join" }).click();
    await invited.page.waitForURL((u) => u.pathname.startsWith(`/a/${accountId}`), { timeout: 30_000 });
    await invited.page.goto(`/a/${accountId}/billing`);
    await invited.page.getByTestId("figure-available").waitFor({ timeout: 30_000 });
    expect(await invited.page.getByTestId("figure-available").innerText()).toContain("$0.00");
    expect(await invited.page.getByTestId("top-up").count()).toBe(1);
    expect(await axeViolations(invited.page)).toEqual([]);
    await screenshot(invited.page, "new-account-overview");
    await invited.context.close();
  });

  it("reads in 简体中文 and invites in the owner's language", async () => {
    const name = `华为云客户 ${uniq()}`;
    const owner = `owner-${uniq()}@kehu.example`;
    const { context, page } = await b.signedIn("staff@billing.example");
    await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: b.baseUrl() }]);
    await page.goto("/staff", { waitUntil: "networkidle" });
    await hydrated(page, "[data-testid=new-account-form] button[type=submit]");
    expect(await page.getByRole("heading", { name: "新建客户账号" }).count()).toBe(1);

    await page.getByLabel("账号名称").fill("   ");
    await page.getByLabel("所有者邮箱").fill(owner);
    await page.getByTestId("new-account-submit").click();
    await expect.poll(() => page.getByText("请输入 1 到 120 个字符，单行，不含控制字符或隐藏的文字方向字符。").count()).toBe(1);
    expect(await page.getByLabel("所有者邮箱").inputValue()).toBe(owner);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel("账号名称").fill(name);
    await page.getByLabel("邀请邮件语言").selectOption("zh-CN");
    await page.getByTestId("new-account-submit").click();
    await expect.poll(() => page.getByTestId("new-account-created").count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId("new-account-created").innerText()).toContain(`已创建 ${name}`);
    await screenshot(page, "staff-new-account.zh-CN");

    const mail = await newestEmail(page, owner, /邀请您加入/);
    expect(mail.subject).toContain(`Sam Staff 邀请您加入 ${name}`);
    await context.close();
  });

  it("support staff do not see the form", async () => {
    const { context, page } = await b.signedIn("support@billing.example", "/staff");
    expect(await page.getByRole("heading", { name: "Accounts" }).count()).toBeGreaterThan(0);
    expect(await page.getByTestId("new-account-form").count()).toBe(0);
    await context.close();
  });
});
