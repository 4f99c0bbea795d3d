import { AxeBuilder } from "@axe-core/playwright";
import postgres from "postgres";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { ACME, GLOBEX, hydrated, screenshot, sidebarItems, signIn, useBrowser } from "./browser";

const b = useBrowser();

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Budget emails to an address whose subject names the budget: the demo mailbox on the embedded database, else the outbox table. */
async function budgetEmails(page: Page, to: string, budget: string): Promise<string[]> {
  const url = inject("databaseUrl");
  if (!url) {
    await page.goto(`/dev/mailbox?to=${to}`);
    return page.getByRole("link", { name: new RegExp(`Budget “${budget}” of Acme Cloud Ltd`) }).allInnerTexts();
  }
  const sql = postgres(url, { max: 1 });
  try {
    return (await sql<{ subject: string }[]>`select subject from email_outbox where "to" = ${to} and template = 'budget-threshold' and subject like ${`%${budget}%`}`).map((r) => r.subject);
  } finally {
    await sql.end();
  }
}

describe("budgets", () => {
  it("a finance member sets a budget that warns at 80 %, staff run the budgets job, the warning is in the mailbox and the page shows it crossed, in English and 简体中文", async () => {
    const name = `Warn early ${crypto.randomUUID().slice(0, 6)}`;
    const { context, page } = await b.newPage();
    await signIn(page, "finance@acme.example");
    await page.getByTestId("nav-budgets").click();
    await page.waitForURL(`**/a/${ACME}/billing/budgets`);
    await page.waitForLoadState("networkidle");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Budgets");
    const form = page.getByRole("form", { name: "New budget" });
    await hydrated(page, "[data-testid=budget-form] button[type=submit]");
    // The defaults: 80 % of actual spend and 100 % of the forecast.
    expect(await form.getByLabel("Threshold 1 (%)").inputValue()).toBe("80");
    expect(await form.getByLabel("Threshold 1 on").inputValue()).toBe("actual");
    expect(await form.getByLabel("Threshold 2 (%)").inputValue()).toBe("100");
    expect(await form.getByLabel("Threshold 2 on").inputValue()).toBe("forecast");

    // Bad input: told which field, nothing created.
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Monthly amount (USD)").fill("0");
    await form.getByLabel("Threshold 2 (%)").fill("2000");
    await form.getByRole("button", { name: "Create budget" }).click();
    await expect.poll(() => form.getByText("Enter an amount in dollars and cents above zero, like 500 or 49.50.").count()).toBe(1);
    expect(await form.getByText("Enter a whole percentage from 1 to 1000.").count()).toBe(1);
    expect(await page.getByTestId("budget").filter({ hasText: name }).count()).toBe(0);

    // $1 a month: the demo's month to date is well over 80 % of it.
    await form.getByLabel("Monthly amount (USD)").fill("1");
    await form.getByLabel("Threshold 2 (%)").fill("100");
    await form.getByRole("button", { name: "Create budget" }).click();
    await expect.poll(() => form.getByRole("status").first().innerText()).toBe("Budget created.");
    const card = page.getByTestId("budget").filter({ hasText: name });
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getByTestId("budget-amount").innerText()).toBe("$1.00");
    expect(await card.getByTestId("budget-scope").innerText()).toMatch(/^Everything · [A-Z][a-z]+ \d{4}, net$/);
    // Checked as it was saved: both already crossed and notified, without waiting for the hourly job.
    const states = await card.getByTestId("budget-threshold").allInnerTexts();
    expect(states.map((x) => x.split("\n").slice(0, 2).join("\n"))).toEqual(["80 % of actual spend\nCrossed", "100 % of forecast spend\nCrossed"]);
    for (const line of states) expect(line).toMatch(/notified [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    await context.close();

    // The budget warned as it was saved; staff running the budgets job now sends nothing more.
    const staff = await b.newPage();
    await signIn(staff.page, "staff@billing.example");
    await staff.page.goto("/staff/runs", { waitUntil: "networkidle" });
    await hydrated(staff.page, "[data-testid=run-budgets]");
    await staff.page.getByTestId("run-budgets").click();
    await expect.poll(() => staff.page.getByTestId("run-budgets-result").innerText(), { timeout: 30_000 }).toMatch(/^(Ran for the current period\.|This period has already run: nothing to do\.)$/);
    await staff.context.close();

    // The warning in the mailbox: once per threshold, to the finance member among the billing contacts.
    const mail = await b.newPage();
    await expect.poll(() => budgetEmails(mail.page, "finance@acme.example", name), { timeout: 30_000 }).toHaveLength(2);
    const subjects = await budgetEmails(mail.page, "finance@acme.example", name);
    expect(subjects.join("\n")).toContain(`Budget “${name}” of Acme Cloud Ltd: 80 % of actual spend reached`);
    expect(subjects.join("\n")).toContain(`Budget “${name}” of Acme Cloud Ltd: 100 % of forecast spend reached`);
    await mail.context.close();

    // The page: each threshold crossed and notified.
    const again = await b.newPage();
    await signIn(again.page, "finance@acme.example");
    await again.page.goto(`/a/${ACME}/billing/budgets`, { waitUntil: "networkidle" });
    const shown = again.page.getByTestId("budget").filter({ hasText: name });
    const thresholds = await shown.getByTestId("budget-threshold").allInnerTexts();
    expect(thresholds).toHaveLength(2);
    for (const line of thresholds) expect(line).toMatch(/Crossed\s*notified [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    expect(await shown.getByTestId("budget-progress").innerText()).toMatch(/^[\d,]{3,} % of the budget spent$/);
    expect(await axe(again.page)).toEqual([]);
    await screenshot(again.page, "budgets.en");

    await hydrated(again.page, "[data-testid=language-switch]");
    await again.page.getByTestId("language-switch").selectOption("zh-CN");
    await expect.poll(() => sidebarItems(again.page)).toContain("预算");
    await again.page.goto(`/a/${ACME}/billing/budgets`, { waitUntil: "networkidle" });
    expect(await again.page.getByRole("heading", { level: 1 }).innerText()).toBe("预算");
    const zh = again.page.getByTestId("budget").filter({ hasText: name });
    expect(await zh.getByTestId("budget-scope").innerText()).toMatch(/^全部 · \d{4}年\d{1,2}月，净额$/);
    expect((await zh.getByTestId("budget-threshold").allInnerTexts()).map((s) => s.split("\n")[0])).toEqual(["实际支出的 80%", "预测支出的 100%"]);
    expect(await zh.getByTestId("budget-threshold").first().innerText()).toContain("已突破");
    expect(await again.page.getByRole("form", { name: "新建预算" }).getByLabel("阈值 1（%）").inputValue()).toBe("80");
    expect(await axe(again.page)).toEqual([]);
    await screenshot(again.page, "budgets.zh-CN");
    await again.page.getByTestId("language-switch").selectOption("en");
    await expect.poll(() => sidebarItems(again.page)).toContain("Budgets");

    // Removed again, so other tests see the demo as it was.
    await again.page.goto(`/a/${ACME}/billing/budgets`, { waitUntil: "networkidle" });
    again.page.on("dialog", (d) => void d.accept());
    await hydrated(again.page, "[data-testid=budget] form button");
    await again.page.getByRole("button", { name: `Delete: ${name}` }).click();
    await expect.poll(() => again.page.getByTestId("budget").filter({ hasText: name }).count(), { timeout: 20_000 }).toBe(0);
    await again.context.close();
  });

  it("a plain member may not open the budgets (403); another account's finance member finds nothing there (404)", async () => {
    const member = await b.newPage();
    await signIn(member.page, "member@acme.example");
    expect((await member.page.goto(`/a/${ACME}/billing/budgets`))!.status()).toBe(403);
    await member.context.close();

    const other = await b.newPage();
    await signIn(other.page, "finance@globex.example");
    expect((await other.page.goto(`/a/${ACME}/billing/budgets`))!.status()).toBe(404);
    expect((await other.page.goto(`/a/${GLOBEX}/billing/budgets`))!.status()).toBe(200);
    await other.context.close();
  });
});
