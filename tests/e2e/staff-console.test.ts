import { describe, expect, it } from "vitest";
import { ACME, GLOBEX, hydrated, screenshot, shownCents, useBrowser } from "./browser";

const b = useBrowser();

describe("the staff console", () => {
  it("a staff-finance user finds Globex, raises its credit limit with a reason after confirming the effect, and the customer's overview shows the new available funds", async () => {
    const { context, page } = await b.signedIn("staff@billing.example");
    await page.goto("/staff?q=globex");
    expect(await page.getByTestId("account-link").allInnerTexts()).toEqual(["Globex Research"]);
    await page.goto(`/staff?q=${encodeURIComponent("finance@globex.example")}`);
    await page.getByTestId("account-link").click();
    await page.waitForURL(`**/staff/accounts/${GLOBEX}`);
    await hydrated(page, "[data-testid=credit-limit-form] button[type=submit]");
    await screenshot(page, "staff-account.en");

    const before = shownCents(await page.getByTestId("staff-credit-limit").innerText());
    const availableBefore = shownCents(await page.getByTestId("staff-available").innerText());
    const after = before + 50_000; // + $500, below the four-eyes threshold
    const form = page.getByTestId("credit-limit-form");
    await form.getByLabel("New credit limit (USD)").fill((after / 100).toFixed(2));
    await form.getByLabel("Reason").fill("Q3 usage forecast agreed with the customer");
    await form.getByRole("button", { name: "Review" }).click();
    // Nothing is written until the effect is confirmed.
    const effect = await page.getByTestId("credit-limit-effect").innerText();
    expect(effect).toContain("Credit limit:");
    expect(effect).toMatch(/Available funds: .* → /);
    const [, from, to] = /Available funds: (\S+) → (\S+)/.exec(effect)!;
    expect(shownCents(from!)).toBe(availableBefore);
    expect(shownCents(to!)).toBe(availableBefore + 50_000);
    await screenshot(page, "staff-credit-limit-confirm.en");
    await page.getByTestId("credit-limit-submit").click();
    await expect.poll(() => page.getByTestId("credit-limit-result").count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(async () => shownCents(await page.getByTestId("staff-credit-limit").innerText()), { timeout: 20_000 }).toBe(after);

    // The audit log has the change with its reason, and the export has the same record.
    await page.goto(`/staff/audit?account=${GLOBEX}&action=billing.credit_limit`);
    const row = page.getByTestId("audit-row").first();
    expect(await row.innerText()).toContain("Q3 usage forecast agreed with the customer");
    expect(await row.innerText()).toContain("staff@billing.example");
    // By part of the account's name too, in any case.
    await page.goto(`/staff/audit?account=globex&action=billing.credit_limit`);
    expect(await page.getByTestId("audit-row").first().innerText()).toContain("Q3 usage forecast agreed with the customer");
    await page.goto(`/staff/audit?actor=${encodeURIComponent("staff@billing.example")}`);
    await screenshot(page, "staff-audit.en");
    const csv = await (await page.request.get(`/staff/audit/export?account=${GLOBEX}&action=billing.credit_limit`)).text();
    expect(csv).toContain("Q3 usage forecast agreed with the customer");
    await context.close();

    // The customer's overview: the new limit, and available funds = balance + limit.
    const customer = await b.signedIn("finance@globex.example");
    await customer.page.goto(`/a/${GLOBEX}/billing`);
    const figure = async (id: string) => shownCents(await customer.page.getByTestId(`figure-${id}`).innerText());
    expect(await figure("creditLimit")).toBe(after);
    expect(await figure("available")).toBe((await figure("balance")) + after);
    await customer.context.close();

    // Put the demo back as it was: other tests count on Globex having only a few dollars.
    const again = await b.signedIn("staff@billing.example");
    await again.page.goto(`/staff/accounts/${GLOBEX}`);
    await hydrated(again.page, "[data-testid=credit-limit-form] button[type=submit]");
    const restore = again.page.getByTestId("credit-limit-form");
    await restore.getByLabel("New credit limit (USD)").fill((before / 100).toFixed(2));
    await restore.getByLabel("Reason").fill("End of the Q3 forecast trial");
    await restore.getByRole("button", { name: "Review" }).click();
    await again.page.getByTestId("credit-limit-submit").click();
    await expect.poll(async () => shownCents(await again.page.getByTestId("staff-credit-limit").innerText()), { timeout: 20_000 }).toBe(before);
    await again.context.close();
  });

  it("a large adjustment waits for a second staff-finance member: the requester cannot approve it, another approves and it posts", async () => {
    const { context, page } = await b.signedIn("staff@billing.example");
    await page.goto(`/staff/accounts/${ACME}`);
    await hydrated(page, "[data-testid=adjustment-form] button[type=submit]");
    const balance = await page.getByTestId("staff-balance").innerText();
    const form = page.getByTestId("adjustment-form");
    await form.getByLabel("Amount (USD)").fill("25000");
    await form.getByLabel("Reason").fill("Migration credit from the old platform");
    await form.getByRole("button", { name: "Review" }).click();
    expect(await page.getByTestId("adjustment-confirm").innerText()).toContain("it will wait until a second staff-finance member approves it");
    await page.getByRole("button", { name: "Request approval" }).click();
    await expect.poll(() => page.getByTestId("adjustment-result").count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.getByTestId("account-approvals").count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId("account-approvals").innerText()).toContain("another staff-finance member must approve it");
    expect(await page.getByTestId("staff-balance").innerText()).toBe(balance);
    // The requester has no approve button; a second staff-finance member approves and it posts.
    expect(await page.getByTestId("approval-approve").count()).toBe(0);
    const approver = await b.signedIn("approver@billing.example");
    await approver.page.goto("/staff/approvals");
    const item = approver.page.getByTestId("pending-approvals").getByRole("listitem").filter({ hasText: "Migration credit from the old platform" });
    await hydrated(approver.page, "[data-testid=approval-approve]");
    await item.getByTestId("approval-approve").click();
    const effect = await item.getByTestId("approval-effect").innerText();
    const [, balFrom, balTo] = /Balance: (\S+) → (\S+)/.exec(effect)!;
    expect(shownCents(balTo!) - shownCents(balFrom!)).toBe(2_500_000);
    await item.getByLabel("Note (optional)").fill("Checked against the migration sheet");
    await screenshot(approver.page, "staff-approval-confirm.en");
    await item.getByTestId("approval-confirm").click();
    await expect.poll(() => item.count(), { timeout: 20_000 }).toBe(0);
    await approver.page.goto(`/staff/accounts/${ACME}`);
    const credit = approver.page.getByTestId("account-transactions").getByRole("row").filter({ hasText: "Migration credit from the old platform" });
    expect(await credit.innerText()).toContain("+$25,000.00");
    await approver.context.close();
    await page.goto("/staff/runs");
    expect(await page.getByTestId("job-row").count()).toBeGreaterThanOrEqual(10);
    // Run now claims the job's current period (the scheduler may have claimed it first): a second click does nothing.
    await hydrated(page, "[data-testid=run-overdue]");
    await page.getByTestId("run-overdue").click();
    await expect.poll(() => page.getByTestId("run-overdue-result").innerText(), { timeout: 20_000 }).toMatch(/^(Ran for the current period\.|This period has already run: nothing to do\.)$/);
    await expect.poll(() => page.getByTestId("job-row").filter({ hasText: "Overdue lifecycle" }).innerText(), { timeout: 20_000 }).toContain("done");
    await page.getByTestId("run-overdue").click();
    await expect.poll(() => page.getByTestId("run-overdue-result").innerText(), { timeout: 20_000 }).toBe("This period has already run: nothing to do.");
    await screenshot(page, "staff-runs.en");
    await context.close();
  });

  it("the outbox shows each email's delivery state; staff-finance resend one and the resend is audited", async () => {
    const { context, page } = await b.signedIn("staff@billing.example");
    await page.goto("/staff/outbox");
    const row = page.locator("tbody tr", { hasText: "invoice-issued" }).first();
    expect(await row.innerText()).toMatch(/Kept locally|Sent|Pending|Failed/);
    const subject = await row.getByRole("link").innerText();
    await row.getByRole("link").click();
    await page.waitForURL("**/staff/outbox?id=*");
    const id = new URL(page.url()).searchParams.get("id")!;
    expect(await page.getByTestId("email-preview").innerText()).toContain(subject);
    await hydrated(page, "[data-testid=resend-email]");
    await page.getByTestId("resend-email").click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: /Queued again|already waiting/ }).count(), { timeout: 20_000 }).toBe(1);
    await page.goto(`/staff/audit?action=email.resend&actor=${encodeURIComponent("staff@billing.example")}`);
    expect(await page.getByTestId("audit-row").first().innerText()).toContain(id);
    await context.close();

    // Support staff see the outbox but cannot resend.
    const support = await b.signedIn("support@billing.example");
    await support.page.goto(`/staff/outbox?id=${id}`);
    expect(await support.page.getByTestId("email-preview").count()).toBe(1);
    expect(await support.page.getByTestId("resend-email").count()).toBe(0);
    await support.context.close();
  });

  it("support staff read everything and change nothing; customers get 403 on every staff page and export", async () => {
    const { context, page } = await b.signedIn("support@billing.example");
    await page.goto(`/staff/accounts/${GLOBEX}`);
    expect(await page.getByTestId("read-only").count()).toBe(1);
    expect(await page.getByTestId("credit-limit-form").count()).toBe(0);
    expect(await page.getByTestId("adjustment-form").count()).toBe(0);
    expect(await page.getByTestId("approval-approve").count()).toBe(0);
    await page.goto("/staff/runs");
    expect(await page.getByRole("button", { name: /Run .* now/ }).count()).toBe(0);
    await page.goto("/staff/audit");
    expect(await page.getByTestId("audit-row").count()).toBeGreaterThan(0);
    await context.close();

    // The same page in 简体中文 (the switch is saved on the user, so it is switched back).
    const zh = await b.signedIn("support@billing.example");
    await zh.page.goto(`/staff/accounts/${ACME}`);
    await hydrated(zh.page, "[data-testid=language-switch]");
    await zh.page.getByTestId("language-switch").selectOption("zh-CN");
    await expect.poll(() => zh.page.getByTestId("staff-available").innerText(), { timeout: 20_000 }).toContain("可用额度");
    expect(await zh.page.getByTestId("read-only").innerText()).toContain("只有财务角色的员工");
    await screenshot(zh.page, "staff-account.zh-CN");
    await zh.page.getByTestId("language-switch").selectOption("en");
    await expect.poll(() => zh.page.getByTestId("staff-available").innerText(), { timeout: 20_000 }).toContain("Available funds");
    await zh.context.close();

    const customer = await b.signedIn("owner@acme.example");
    for (const url of ["/staff", `/staff/accounts/${GLOBEX}`, "/staff/audit", "/staff/runs", "/staff/approvals"]) {
      expect((await customer.page.goto(url))!.status(), url).toBe(403);
    }
    expect((await customer.page.request.get("/staff/audit/export")).status()).toBe(403);
    await customer.context.close();
  });
});
