import type { Page } from "playwright-core";
import { expect } from "vitest";

/** Saves a test card on the account's payment methods page (as a user who may pay). */
export async function addCard(page: Page, accountId: string, number: string) {
  await page.goto(`/a/${accountId}/billing/payment-methods`, { waitUntil: "networkidle" });
  const form = page.getByRole("form", { name: /Add a card|添加银行卡/ });
  await form.getByLabel(/Card number|卡号/).fill(number);
  await form.getByLabel(/Expiry|有效期/).fill("12/34");
  await form.getByLabel(/Security code|安全码/).fill("123");
  await form.getByRole("button", { name: /Save card|保存银行卡/ }).click();
  await expect.poll(() => form.getByRole("status").innerText()).toMatch(new RegExp(`${number.slice(-4)}`));
}

/** From the billing page: top up `amount` USD with the saved method whose label matches, and pay. */
export async function topUp(page: Page, accountId: string, methodLabel: RegExp, amount: string) {
  await page.goto(`/a/${accountId}/billing`);
  await page.getByTestId("top-up").click();
  await page.waitForURL(/\/billing\/top-up$/);
  await page.waitForLoadState("networkidle");
  await page.getByLabel(/^(Amount \(USD\)|金额（美元）)$/).fill(amount);
  await page.getByRole("radio", { name: methodLabel }).check();
  await page.getByRole("button", { name: /^(Continue|下一步)$/ }).click();
  await page.getByRole("button", { name: /^(Pay|支付) / }).click();
}
