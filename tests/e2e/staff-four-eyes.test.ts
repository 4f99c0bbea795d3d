import { expect, it } from "vitest";
import { ACME, hydrated, screenshot, shownCents, signIn, useBrowser } from "./browser";

const b = useBrowser();

it("four-eyes counts a staff member's earlier changes: after a $1 raise, a $10,000 one needs a second approver and the confirmation says why, in English and 简体中文", async () => {
  const { context, page } = await b.newPage();
  await signIn(page, "staff@billing.example");
  await page.goto(`/staff/accounts/${ACME}`);
  await hydrated(page, "[data-testid=credit-limit-form] button[type=submit]");
  const start = shownCents(await page.getByTestId("staff-credit-limit").innerText());
  const form = page.getByTestId("credit-limit-form");
  const review = async (cents: number, reason: string, labels = { limit: "New credit limit (USD)", reason: "Reason", review: "Review" }) => {
    await form.getByLabel(labels.limit).fill((cents / 100).toFixed(2));
    await form.getByLabel(labels.reason).fill(reason);
    await form.getByRole("button", { name: labels.review }).click();
    return page.getByTestId("credit-limit-confirm").innerText();
  };

  // $1 alone takes effect at once.
  expect(await review(start + 100, "Rounding the limit for the renewal")).toContain("It takes effect at once");
  await page.getByTestId("credit-limit-submit").click();
  await expect.poll(async () => shownCents(await page.getByTestId("staff-credit-limit").innerText()), { timeout: 20_000 }).toBe(start + 100);

  // $10,000 more would be exactly the threshold alone; with the $1 before it, it waits.
  await hydrated(page, "[data-testid=credit-limit-form] button[type=submit]");
  const en = await review(start + 100 + 1_000_000, "Seasonal peak");
  expect(en).toContain("Needs a second approver: with your earlier changes to this account in the last 24 hours ($1.00), this comes to $10,001.00, more than the $10,000.00 limit.");
  expect(await page.getByTestId("credit-limit-submit").innerText()).toBe("Request approval");
  await screenshot(page, "staff-four-eyes-window.en");
  await page.getByRole("button", { name: "Edit" }).click();

  await hydrated(page, "[data-testid=language-switch]");
  await page.getByTestId("language-switch").selectOption("zh-CN");
  await expect.poll(() => page.getByTestId("staff-available").innerText(), { timeout: 20_000 }).toContain("可用额度");
  await hydrated(page, "[data-testid=credit-limit-form] button[type=submit]");
  const zh = await review(start + 100 + 1_000_000, "旺季需求增加", { limit: "新信用额度 (USD)", reason: "原因", review: "预览" });
  expect(zh).toMatch(/需要另一位审批人：加上您过去 24 小时内对此账户的其他更改（.*1\.00），合计 .*10,001\.00，超过 .*10,000\.00 的限额。/);
  expect(await page.getByTestId("credit-limit-submit").innerText()).toBe("提交审批");
  await screenshot(page, "staff-four-eyes-window.zh-CN");
  await page.getByRole("button", { name: "修改" }).click();
  await page.getByTestId("language-switch").selectOption("en");
  await expect.poll(() => page.getByTestId("staff-available").innerText(), { timeout: 20_000 }).toContain("Available funds");

  // Back to where it was ($1 down, $2 in the window: alone again), so other tests see the demo's Acme.
  await hydrated(page, "[data-testid=credit-limit-form] button[type=submit]");
  expect(await review(start, "Back to the agreed limit")).toContain("It takes effect at once");
  await page.getByTestId("credit-limit-submit").click();
  await expect.poll(async () => shownCents(await page.getByTestId("staff-credit-limit").innerText()), { timeout: 20_000 }).toBe(start);
  await context.close();
});
