import { AxeBuilder } from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { unzipSync } from "fflate";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ACME, GLOBEX, screenshot, signIn, useBrowser } from "./browser";
import { addCard } from "./pay";
import { pdfScreenshot, pdfText } from "./pdf";

const b = useBrowser();

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** A test-card top-up of `amount` dollars: the success card is saved first unless the account has it (other files may have saved it already). */
async function topUpWithTestCard(page: Page, accountId: string, amount: string) {
  await page.goto(`/a/${accountId}/billing/payment-methods`, { waitUntil: "networkidle" });
  if ((await page.getByTestId("method-row").filter({ hasText: "4242" }).count()) === 0) await addCard(page, accountId, "4242 4242 4242 4242");
  await page.goto(`/a/${accountId}/billing/top-up`, { waitUntil: "networkidle" });
  await page.getByLabel(/^(Amount \(USD\)|金额（美元）)$/).fill(amount);
  await page.getByRole("radio", { name: /Visa •••• 4242/ }).first().check();
  await page.getByRole("button", { name: /^(Continue|下一步)$/ }).click();
  await page.getByRole("button", { name: /^(Pay|支付) / }).click();
  await page.waitForURL(/\/billing\/top-up\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split("/").at(-1)!;
}

/** The payments page lists the top-up first, with its method and status, and its receipt PDF says the amount and the method. */
async function paymentListedWithReceipt(page: Page, accountId: string, paymentId: string, o: { kind: string; status: string; amount: string; receipt: string; shot: string }) {
  await page.goto(`/a/${accountId}/billing/payments`, { waitUntil: "networkidle" });
  const row = page.getByTestId("payment-row").first();
  const text = await row.innerText();
  for (const s of [o.kind, "Visa •••• 4242", o.status, o.amount]) expect(text).toContain(s);
  await screenshot(page, o.shot);
  expect(await axe(page)).toEqual([]);
  const link = row.getByTestId("receipt-pdf");
  expect(await link.getAttribute("href")).toBe(`/a/${accountId}/billing/payments/${paymentId}/receipt`);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^R-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}\.pdf$/);
  const bytes = readFileSync((await download.path())!);
  const pdf = (await pdfText(bytes)).replace(/\s+/g, "");
  for (const s of [o.receipt, o.amount.replace(/\s+/g, ""), "4242", download.suggestedFilename().replace(".pdf", "")]) expect(pdf).toContain(s);
  pdfScreenshot(bytes, `${o.shot}.receipt`);
}

describe("downloads", () => {
  it("a finance user's test-card top-up is on the payments page with its method and status, and its receipt PDF downloads; axe clean", async () => {
    const { context, page } = await b.signedIn("finance@acme.example");
    const paymentId = await topUpWithTestCard(page, ACME, "37");
    // The receipt page offers the PDF too.
    expect(await page.getByTestId("receipt-pdf").getAttribute("href")).toBe(`/a/${ACME}/billing/payments/${paymentId}/receipt`);
    await page.getByRole("link", { name: "Payments", exact: true }).click();
    await page.waitForURL(/\/billing\/payments$/);
    await paymentListedWithReceipt(page, ACME, paymentId, { kind: "Top-up", status: "Paid", amount: "$37.00", receipt: "Receipt", shot: "payments.en" });

    // The CSV has the row, in dollars and micro-dollars.
    const csv = await page.request.get((await page.getByTestId("export-payments").getAttribute("href"))!);
    const lines = (await csv.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toContain("Amount (micro-USD)");
    expect(lines.find((l) => l.endsWith(paymentId))).toContain("37.00,37000000");
    await context.close();
  });

  it("in 简体中文: the payments page and the receipt", async () => {
    const { context, page } = await b.newPage({ locale: "zh-CN" });
    await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: b.baseUrl() }]);
    await signIn(page, "finance@globex.example");
    await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: b.baseUrl() }]);
    const paymentId = await topUpWithTestCard(page, GLOBEX, "21");
    await paymentListedWithReceipt(page, GLOBEX, paymentId, { kind: "充值", status: "已支付", amount: "US$21.00", receipt: "收据", shot: "payments.zh-CN" });
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("支付记录");
    await context.close();
  });

  it("the invoices of a period download as one ZIP of their PDFs, in both languages; a plain member is refused and another account's is not found", async () => {
    const { context, page } = await b.signedIn("finance@acme.example");
    await page.goto(`/a/${ACME}/billing/invoices`, { waitUntil: "networkidle" });
    const newest = (await page.getByTestId("invoice-row").first().getAttribute("data-number"))!;
    const form = page.getByRole("form", { name: "Download the invoices of a period as a ZIP" });
    // The default period is the last twelve months, which holds last month's invoice.
    const [download] = await Promise.all([page.waitForEvent("download"), form.getByRole("button", { name: "Download ZIP" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^invoices-\d{4}-\d{2}-\d{4}-\d{2}\.zip$/);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const names = Object.keys(files);
    for (const n of names) expect(n).toMatch(/^(INV|CN)\d+\.pdf$/);
    // One invoice a month at most, and the demo's year of history fills several.
    const invoicesIn = names.filter((n) => n.startsWith("INV"));
    expect(invoicesIn.length).toBeGreaterThan(1);
    expect(invoicesIn.length).toBeLessThanOrEqual(12);
    expect(names).toContain(`${newest}.pdf`);
    expect(await pdfText(Buffer.from(files[`${newest}.pdf`]!))).toContain(newest);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, "invoices-zip.en");
    const zipHref = `/a/${ACME}/billing/invoices/zip?from=2020-01&to=2020-02`;
    await context.close();

    const zh = await b.newPage({ locale: "zh-CN" });
    await signIn(zh.page, "finance@globex.example");
    await zh.context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: b.baseUrl() }]);
    await zh.page.goto(`/a/${GLOBEX}/billing/invoices`, { waitUntil: "networkidle" });
    const zhForm = zh.page.getByRole("form", { name: "按期间打包下载发票（ZIP）" });
    const [zhDownload] = await Promise.all([zh.page.waitForEvent("download"), zhForm.getByRole("button", { name: "下载 ZIP" }).click()]);
    const zhFiles = Object.keys(unzipSync(new Uint8Array(readFileSync((await zhDownload.path())!))));
    expect(zhFiles.length).toBeGreaterThan(0);
    expect(await axe(zh.page)).toEqual([]);
    await screenshot(zh.page, "invoices-zip.zh-CN");
    // Globex's finance user cannot zip Acme's invoices.
    expect((await zh.page.request.get(zipHref)).status()).toBe(404);
    await zh.context.close();

    const member = await b.signedIn("member@acme.example");
    expect((await member.page.request.get(zipHref)).status()).toBe(403);
    expect((await member.page.goto(`/a/${ACME}/billing/payments`))!.status()).toBe(403);
    await member.context.close();
  });
});
