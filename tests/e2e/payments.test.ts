import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { ACME, GLOBEX, hydrated, screenshot, signIn, useBrowser } from "./browser";
import { addCard as addCardTo, topUp as topUpWith } from "./pay";

const b = useBrowser();
/** The first test's receipt, which other users then try to open. */
let acmeReceipt = "";

/** "$1,234.56" / "US$1,234.56" → cents, so figures read from the page can be compared exactly. */
function cents(text: string): bigint {
  const m = /(-?)[^\d-]*([\d,]+)\.(\d{2})/.exec(text);
  if (!m) throw new Error(`no amount in ${JSON.stringify(text)}`);
  return BigInt(`${m[1]}${m[2]!.replace(/,/g, "")}${m[3]}`);
}

/** Cents back to "$1,234.56", as the English pages write them. */
const fmt = (c: bigint) => `${c < 0n ? "-" : ""}$${(c < 0n ? -c : c) / 100n}`.replace(/\B(?=(\d{3})+$)/g, ",") + `.${String((c < 0n ? -c : c) % 100n).padStart(2, "0")}`;

async function available(page: Page): Promise<bigint> {
  await page.goto(`/a/${ACME}/billing`);
  return cents(await page.getByTestId("figure-available").innerText());
}

const addCard = (page: Page, number: string) => addCardTo(page, ACME, number);
const topUp = (page: Page, methodLabel: RegExp, amount: string) => topUpWith(page, ACME, methodLabel, amount);

describe("paying in", () => {
  it("a finance user adds the success card, tops up $100, sees the receipt and available funds up by $100", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "finance@acme.example");
    const before = await available(page);
    await addCard(page, "4242 4242 4242 4242");
    const row = page.getByTestId("method-row").filter({ hasText: "4242" }).last();
    await expect.poll(() => row.innerText()).toContain("Visa •••• 4242");
    // The card number itself is nowhere on the page once saved.
    expect(await page.content()).not.toContain("4242424242424242");
    await screenshot(page, "payment-methods.en");

    await topUp(page, /Visa •••• 4242/, "100");
    await page.waitForURL(/\/billing\/top-up\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId("receipt-message").innerText()).toContain("$100.00 was added to the account balance.");
    expect(await page.getByTestId("receipt-amount").innerText()).toBe("$100.00");
    expect(await page.getByTestId("payment-status").first().innerText()).toBe("Paid");
    expect(cents(await page.getByTestId("receipt-available").innerText()) - before).toBe(10_000n);
    acmeReceipt = new URL(page.url()).pathname;
    await screenshot(page, "top-up-receipt.en");
    expect((await available(page)) - before).toBe(10_000n);

    // The receipt went to the payer (the demo mailbox exists on the embedded database only).
    const mailbox = await page.goto("/dev/mailbox?to=finance%40acme.example");
    if (mailbox!.status() === 200) expect(await page.locator("body").innerText()).toMatch(/Receipt R-[0-9A-F-]+: \$100\.00 added to Acme/);
    await context.close();
  });

  it("with the declined card sees the error, and the balance is unchanged", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "finance@acme.example");
    // A real-looking number is refused by the test provider, with the reason beside the field, and kept for correcting.
    await page.goto(`/a/${ACME}/billing/payment-methods`, { waitUntil: "networkidle" });
    const form = page.getByRole("form", { name: "Add a card" });
    await form.getByLabel("Card number").fill("4111 1111 1111 1111");
    await form.getByLabel(/Expiry/).fill("12/34");
    await form.getByLabel("Security code").fill("123");
    await form.getByRole("button", { name: "Save card" }).click();
    await expect.poll(() => form.getByText(/accepts only its test card numbers/).count()).toBe(1);
    expect(await form.getByLabel("Card number").inputValue()).toBe("4111 1111 1111 1111");
    await addCard(page, "4000 0000 0000 0002");
    const before = await available(page);
    await topUp(page, /Visa •••• 0002/, "100");
    await expect.poll(() => page.getByTestId("top-up-confirm").getByRole("alert").innerText()).toBe("The card was declined. Nothing was charged and the balance is unchanged.");
    expect(page.url()).toMatch(/\/billing\/top-up$/);
    expect(await available(page)).toBe(before);
    await context.close();
  });

  it("the card whose result arrives later shows Processing, then Paid once the test provider's signed webhook lands", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "finance@acme.example");
    await addCard(page, "4000 0000 0000 0259");
    const before = await available(page);
    await topUp(page, /Visa •••• 0259/, "50");
    await page.waitForURL(/\/billing\/top-up\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId("payment-status").first().innerText()).toBe("Processing");
    expect(await page.getByTestId("receipt-message").innerText()).toMatch(/has not confirmed this payment yet/);
    // The payments job (every minute) delivers the webhook some 30 s after the charge; the page refreshes itself.
    await expect.poll(() => page.getByTestId("payment-status").first().innerText(), { timeout: 150_000, interval: 2_000 }).toBe("Paid");
    expect((await available(page)) - before).toBe(5_000n);
    await context.close();
  }, 200_000);

  it("the top-up and payment-methods pages in 简体中文", async () => {
    const { context, page } = await b.newPage({ locale: "zh-CN" });
    // The consultant is a finance member of Acme; the language is a saved choice of the user, switched back at the end.
    await signIn(page, "consultant@partners.example");
    await page.goto(`/a/${ACME}/billing`);
    await page.getByTestId("language-switch").selectOption("zh-CN");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).not.toBe("Overview");
    await page.goto(`/a/${ACME}/billing/payment-methods`, { waitUntil: "networkidle" });
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("支付方式");
    await screenshot(page, "payment-methods.zh-CN");
    await page.goto(`/a/${ACME}/billing/top-up`, { waitUntil: "networkidle" });
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("充值");
    await page.getByRole("button", { name: /US\$500\.00|\$500\.00/ }).click();
    await page.getByRole("radio", { name: "银行转账" }).check();
    await screenshot(page, "top-up.zh-CN");
    await page.getByRole("button", { name: "下一步" }).click();
    await page.getByRole("button", { name: "获取转账信息" }).click();
    await page.waitForURL(/\/billing\/top-up\/[0-9a-f-]{36}$/);
    // The remark is the account ID; the balance waits for staff.
    expect(await page.getByTestId("wire-remark").innerText()).toBe(ACME);
    expect(await page.getByTestId("payment-status").first().innerText()).toBe("等待转账");
    await screenshot(page, "top-up-wire.zh-CN");
    await page.getByTestId("language-switch").selectOption("en");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toMatch(/^Receipt /);
    await context.close();
  });

  it("finance staff confirm the bank transfer through Review and Confirm (funds rise by the amount received) and refund part of it the same way", async () => {
    const customer = await b.newPage();
    await signIn(customer.page, "admin@acme.example");
    await customer.page.goto(`/a/${ACME}/billing/top-up`, { waitUntil: "networkidle" });
    await customer.page.getByLabel("Amount (USD)").fill("500");
    await customer.page.getByRole("radio", { name: /Bank transfer/ }).check();
    await customer.page.getByRole("button", { name: "Continue" }).click();
    await customer.page.getByRole("button", { name: "Get transfer instructions" }).click();
    await customer.page.waitForURL(/\/billing\/top-up\/[0-9a-f-]{36}$/);
    const receipt = customer.page.url();
    expect(await customer.page.getByTestId("wire-remark").innerText()).toBe(ACME);
    const before = await available(customer.page);

    const { context, page } = await b.newPage();
    await signIn(page, "staff@billing.example");
    await page.goto("/staff/payments", { waitUntil: "networkidle" });
    const row = page.getByTestId("wire-row").filter({ hasText: ACME }).last(); // oldest first: ours is the newest
    await hydrated(page, "[data-testid=wire-form] input");
    const received = row.getByLabel("Amount received (USD)");
    expect(await received.inputValue()).toBe("500.00");

    // Step 1: without a reason it does not go on, and says why.
    await received.fill("495");
    await row.getByRole("button", { name: "Review" }).click();
    await expect.poll(() => row.getByRole("alert").innerText()).toBe("Say why (3 to 500 characters).");
    expect(await row.getByTestId("wire-confirm").count()).toBe(0);
    await row.getByLabel("Reason (recorded in the audit log)").fill("Arrived minus a $5 bank fee");
    await row.getByRole("button", { name: "Review" }).click();

    // Step 2: the effect, before → after, from the figures the customer sees; nothing written yet.
    const effect = row.getByTestId("wire-effect");
    await expect.poll(() => effect.getByRole("listitem").count()).toBe(4);
    const lines = await effect.getByRole("listitem").allInnerTexts();
    expect(lines[0]).toBe("Received $495.00: $5.00 less than the $500.00 announced. $495.00 is credited.");
    const availableLine = lines.find((l) => l.startsWith("Available funds: "))!;
    const [availableBefore, availableAfter] = [...availableLine.matchAll(/-?\$[\d,]+\.\d{2}/g)].map((m) => cents(m[0]));
    expect(availableBefore).toBe(before);
    expect(availableAfter! - availableBefore!).toBe(49_500n);
    const [balanceBefore, balanceAfter] = [...lines.find((l) => l.startsWith("Balance: "))!.matchAll(/-?\$[\d,]+\.\d{2}/g)].map((m) => cents(m[0]));
    expect(balanceAfter! - balanceBefore!).toBe(49_500n);
    expect(lines).toContain("Payment: Pending → Paid");
    expect(await row.getByTestId("wire-reason").innerText()).toBe("Arrived minus a $5 bank fee");
    await screenshot(page, "staff-payments-wire-confirm.en");
    expect(await available(customer.page)).toBe(before);

    // Edit brings the form back with what was typed; Review again, then Confirm.
    await row.getByRole("button", { name: "Edit" }).click();
    expect(await row.getByLabel("Amount received (USD)").inputValue()).toBe("495");
    expect(await row.getByLabel("Reason (recorded in the audit log)").inputValue()).toBe("Arrived minus a $5 bank fee");
    await row.getByRole("button", { name: "Review" }).click();
    await row.getByRole("button", { name: "Confirm receipt" }).click();
    await expect.poll(() => page.getByTestId("staff-payments-result").innerText()).toMatch(/^Bank transfer from Acme Cloud Ltd confirmed: \$495\.00 credited\. The balance is now -?\$[\d,]+\.\d{2}\.$/);
    const balanceNow = cents((await page.getByTestId("staff-payments-result").innerText()).split("now ")[1]!);
    expect(balanceNow).toBe(balanceAfter);
    await expect.poll(async () => (await available(customer.page)) - before, { timeout: 15_000 }).toBe(49_500n);
    await customer.page.goto(receipt);
    expect(await customer.page.getByTestId("payment-status").first().innerText()).toBe("Paid");
    await page.goto("/staff/payments", { waitUntil: "networkidle" });
    await screenshot(page, "staff-payments.en");

    // Refund $5 of it: more than the payment is refused at Review; then Review → Confirm.
    const topUpRow = page.getByTestId("staff-top-up-row").filter({ hasText: "$495.00" }).first();
    await hydrated(page, "[data-testid=refund-form] input");
    await topUpRow.getByLabel("Refund (USD)").fill("600");
    await topUpRow.getByLabel("Reason (recorded in the audit log)").fill("Duplicate transfer");
    await topUpRow.getByRole("button", { name: "Review" }).click();
    await expect.poll(() => topUpRow.getByRole("alert").innerText()).toMatch(/at most what is left of the payment/);
    await topUpRow.getByLabel("Refund (USD)").fill("5");
    await topUpRow.getByRole("button", { name: "Review" }).click();
    await expect.poll(() => topUpRow.getByTestId("refund-effect").getByRole("listitem").count()).toBe(4);
    const refundLines = await topUpRow.getByTestId("refund-effect").getByRole("listitem").allInnerTexts();
    const figure = (prefix: string) => [...refundLines.find((l) => l.startsWith(prefix))!.matchAll(/-?\$[\d,]+\.\d{2}/g)].map((m) => cents(m[0]));
    expect(figure("Balance: ")).toEqual([balanceNow, balanceNow - 500n]);
    expect(figure("Available funds: ")).toEqual([before + 49_500n, before + 49_000n]);
    expect(figure("Refundable on this payment: ")).toEqual([49_500n, 49_000n]);
    expect(refundLines).toContain("The money goes back to: the customer's bank account, by a transfer from the finance team's bank");
    await screenshot(page, "staff-payments-refund-confirm.en");
    await topUpRow.getByRole("button", { name: "Refund" }).click();
    await expect.poll(() => page.getByTestId("staff-payments-result").innerText()).toBe(`Refunded $5.00 of Acme Cloud Ltd's top-up to the customer's bank account, by a transfer from the finance team's bank. The balance is now ${fmt(balanceNow - 500n)}.`);
    await expect.poll(() => page.getByTestId("staff-top-up-row").filter({ hasText: "$495.00" }).first().innerText()).toContain("$5.00");
    expect(before + 49_500n - (await available(customer.page))).toBe(500n);
    await context.close();
    await customer.context.close();
  });

  it("staff payments in 简体中文: Review shows the effect in Chinese, Edit keeps the figures, nothing is written", async () => {
    const { context, page } = await b.newPage({ locale: "zh-CN" });
    await signIn(page, "approver@billing.example");
    // This browser only (the cookie the language switch sets), so the approver's saved language stays as other tests expect it.
    await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: b.baseUrl() }]);
    await page.goto("/staff/payments", { waitUntil: "networkidle" });
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("付款");
    // A row with a refund form, by position: in the confirmation step the form gives way to the panel.
    await hydrated(page, "[data-testid=refund-form] input");
    const index = await page.getByTestId("staff-top-up-row").evaluateAll((rows) => rows.findIndex((r) => r.querySelector("[data-testid=refund-form]")));
    const row = page.getByTestId("staff-top-up-row").nth(index);
    const refunded = await row.locator("td").nth(4).innerText();
    const amount = await row.getByLabel("退款金额（美元）").inputValue();
    await row.getByRole("button", { name: "检查变更" }).click();
    await expect.poll(() => row.getByRole("alert").innerText()).toBe("请说明原因（3 至 500 个字符）。");
    await row.getByLabel("原因（记入审计日志）").fill("客户要求退款");
    await row.getByRole("button", { name: "检查变更" }).click();
    await expect.poll(() => row.getByTestId("refund-effect").getByRole("listitem").count()).toBe(4);
    const lines = await row.getByTestId("refund-effect").getByRole("listitem").allInnerTexts();
    expect(lines[0]).toMatch(/^账户余额：/);
    expect(lines[1]).toMatch(/^可用额度：/);
    expect(lines[2]).toMatch(/^该笔付款可退金额：/);
    expect(lines[3]).toMatch(/^退回至：/);
    await screenshot(page, "staff-payments-refund-confirm.zh-CN");
    await row.getByRole("button", { name: "修改" }).click();
    expect(await row.getByLabel("退款金额（美元）").inputValue()).toBe(amount);
    expect(await row.getByLabel("原因（记入审计日志）").inputValue()).toBe("客户要求退款");
    await page.reload({ waitUntil: "networkidle" });
    expect(await page.getByTestId("staff-top-up-row").nth(index).locator("td").nth(4).innerText()).toBe(refunded);
    await context.close();
  });

  it("the top-up page in English with a saved card, and auto-recharge with its suggestion", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "owner@acme.example");
    // Run alone, Acme has no card yet: the first one saved becomes primary.
    await page.goto(`/a/${ACME}/billing/payment-methods`);
    if (await page.getByTestId("no-methods").count()) await addCard(page, "4242 4242 4242 4242");
    await page.goto(`/a/${ACME}/billing/top-up`, { waitUntil: "networkidle" });
    await screenshot(page, "top-up.en");
    await page.goto(`/a/${ACME}/billing/auto-recharge`, { waitUntil: "networkidle" });
    const suggestion = await page.getByTestId("auto-recharge-suggestion").innerText();
    expect(suggestion).toMatch(/^Last month's spend was \$[\d,.]+; we suggest \$[\d,.]+\./);
    const [spend, suggested] = [...suggestion.matchAll(/\$([\d,]+\.\d{2})/g)].map((m) => cents(`$${m[1]}`));
    expect(suggested!).toBeGreaterThan(spend!);
    await page.getByLabel("Auto-recharge is on").check();
    await page.getByRole("button", { name: /^Use / }).click();
    await page.getByLabel("Day of the month").selectOption("5");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByRole("form", { name: "Auto-recharge" }).getByRole("status").last().innerText()).toBe("Saved.");
    await page.goto(`/a/${ACME}/billing`);
    expect(await page.getByTestId("auto-recharge-status").innerText()).toMatch(/^On: \$[\d,.]+ on day 5 of each month, via /);
    // Off again, so the hourly job cannot change Acme's balance under the other end-to-end tests.
    await page.goto(`/a/${ACME}/billing/auto-recharge`, { waitUntil: "networkidle" });
    await page.getByLabel("Auto-recharge is on").uncheck();
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByRole("form", { name: "Auto-recharge" }).getByRole("status").last().innerText()).toBe("Saved.");
    await page.goto(`/a/${ACME}/billing`);
    expect(await page.getByTestId("auto-recharge-status").innerText()).toBe("Off.");
    await context.close();
  });

  it("the webhook endpoint refuses an unsigned or badly signed body, and unknown providers", async () => {
    const body = JSON.stringify({ id: "evt_forged", type: "payment.succeeded", data: { providerPaymentId: "pi_test_forged" } });
    const post = (provider: string, headers: Record<string, string>) => fetch(`${b.baseUrl()}/api/payments/webhooks/${provider}`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
    expect((await post("test", {})).status).toBe(400);
    expect((await post("test", { "x-test-signature": `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}` })).status).toBe(400);
    expect((await post("paypal", {})).status).toBe(404);
    // Stripe is not configured in the demo: its endpoint does not exist.
    expect((await post("stripe", { "stripe-signature": "t=1,v1=00" })).status).toBe(404);
  });

  it("a plain member reaches none of it; another account's receipt is not found", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "member@acme.example");
    for (const path of ["top-up", "payment-methods", "auto-recharge"]) expect((await page.goto(`/a/${ACME}/billing/${path}`))!.status()).toBe(403);
    await context.close();

    const other = await b.newPage();
    await signIn(other.page, "finance@globex.example");
    expect((await other.page.goto(`/a/${ACME}/billing/top-up`))!.status()).toBe(404);
    // Acme's receipt, by its own path or under Globex's, is not found for Globex's finance member.
    expect(acmeReceipt).toMatch(/^\/a\/.+\/billing\/top-up\/[0-9a-f-]{36}$/);
    expect((await other.page.goto(acmeReceipt))!.status()).toBe(404);
    expect((await other.page.goto(acmeReceipt.replace(ACME, GLOBEX)))!.status()).toBe(404);
    await other.context.close();
  });
});
