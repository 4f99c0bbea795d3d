import type { Page } from "playwright-core";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { ACME, GLOBEX, screenshot, signIn, useBrowser } from "./browser";
import { pdfScreenshot, pdfText } from "./pdf";

const b = useBrowser();

/** Once the list shows invoices (its screenshot `shot`), opens the newest and returns its number. */
async function openNewestInvoice(page: Page, shot: string): Promise<string> {
  const rows = page.getByTestId("invoice-row");
  await expect.poll(() => rows.count()).toBeGreaterThan(0);
  await screenshot(page, shot);
  const number = (await rows.first().getAttribute("data-number"))!;
  await rows.first().getByRole("link", { name: number, exact: true }).click();
  await page.waitForURL(/\/billing\/invoices\/[0-9a-f-]{36}$/);
  return number;
}

/** The newest invoice email to an address: the demo mailbox on the embedded database, else the outbox table. */
async function newestInvoiceEmail(page: Page, to: string): Promise<string> {
  const url = inject("databaseUrl");
  if (!url) {
    await page.goto(`/dev/mailbox?to=${to}`);
    await page.getByRole("link", { name: /Invoice INV\d+ for/ }).first().click();
    return (await page.getByTestId("email-preview").locator("iframe").getAttribute("srcdoc")) ?? "";
  }
  const sql = postgres(url, { max: 1 });
  try {
    const [row] = await sql<{ html: string }[]>`select html from email_outbox where "to" = ${to} and template = 'invoice-issued' order by created_at desc limit 1`;
    return row?.html ?? "";
  } finally {
    await sql.end();
  }
}

describe("invoices", () => {
  it("a finance member finds last month's invoice, opens it and downloads its PDF, which matches the page", async () => {
    const { context, page } = await b.signedIn("finance@acme.example");
    await page.goto(`/a/${ACME}/billing`);
    // The overview's block lists the latest invoices and leads to the list.
    const latest = page.getByTestId("latest-invoices").locator("li");
    await expect.poll(() => latest.count()).toBeGreaterThan(0);
    await page.getByTestId("invoices-view-all").click();
    await page.waitForURL(/\/billing\/invoices$/);
    const number = await openNewestInvoice(page, "invoices.en");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toContain(number);
    const total = (await page.getByTestId("sum-total").innerText()).split("\n").at(-1)!.trim();
    expect(total).toMatch(/\$[\d,]+\.\d{2}/);
    await screenshot(page, "invoice.en");

    // The PDF is the stored one: the same bytes twice, and it says what the page says.
    const href = (await page.getByTestId("download-pdf").getAttribute("href"))!;
    const first = await page.request.get(href);
    expect(first.status()).toBe(200);
    expect(first.headers()["content-type"]).toBe("application/pdf");
    const bytes = await first.body();
    const again = await page.request.get(href);
    expect((await again.body()).equals(bytes)).toBe(true);
    const text = await pdfText(bytes);
    expect(text).toContain(number);
    expect(text).toContain(total);
    pdfScreenshot(bytes, "invoice-pdf.en");

    // Acme's invoices are issued in English; the other language is a copy, marked as one and naming the original's hash.
    expect(await page.getByTestId("pdf-language").innerText()).toContain("as issued, in English");
    const copyLink = page.getByTestId("download-copy");
    expect(await copyLink.innerText()).toBe("Copy in 简体中文");
    const copy = await page.request.get((await copyLink.getAttribute("href"))!);
    expect(copy.headers()["content-disposition"]).toContain(`${number}-zh-CN.pdf`);
    const copyBytes = await copy.body();
    expect(copyBytes.equals(bytes)).toBe(false);
    const copyText = (await pdfText(copyBytes)).replace(/\s+/g, "");
    for (const s of ["发票", "费用明细", "副本", "原件以英文开具", first.headers()["x-content-sha256"]!]) expect(copyText).toContain(s);
    pdfScreenshot(copyBytes, "invoice-pdf.en.copy-zh-CN");

    const csv = await page.request.get((await page.getByTestId("download-csv").getAttribute("href"))!);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toContain("Order number");
    expect(lines.length - 1).toBe(await page.getByTestId("invoice-line").count());
    await context.close();
  });

  it("in 简体中文: the list, an invoice and its PDF", async () => {
    const { context, page } = await b.newPage({ locale: "zh-CN" });
    await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: b.baseUrl() }]);
    await signIn(page, "finance@globex.example");
    await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: b.baseUrl() }]);
    await page.goto(`/a/${GLOBEX}/billing/invoices`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("发票");
    await openNewestInvoice(page, "invoices.zh-CN");
    await expect.poll(() => page.getByTestId("invoice-view").innerText()).toContain("费用明细");
    await screenshot(page, "invoice.zh-CN");
    // Globex's team info asks for invoices in 简体中文: the stored PDF is in Chinese.
    const res = await page.request.get((await page.getByTestId("download-pdf").getAttribute("href"))!);
    const bytes = await res.body();
    const flat = (await pdfText(bytes)).replace(/\s+/g, "");
    expect(flat).toContain("费用明细");
    expect(flat).toContain("上海格洛贝克斯研究有限公司");
    pdfScreenshot(bytes, "invoice-pdf.zh-CN");
    // …and its English copy is marked COPY.
    const copyLink = page.getByTestId("download-copy");
    expect(await copyLink.innerText()).toBe("英文副本");
    const copy = (await pdfText(await (await page.request.get((await copyLink.getAttribute("href"))!)).body())).replace(/\s+/g, "");
    for (const s of ["Invoice", "Charges", "COPY", "whichwasissuedin简体中文"]) expect(copy).toContain(s);
    await context.close();
  });

  it("a plain member is refused (403) and another account's invoice is not found, PDF included", async () => {
    const acme = await b.signedIn("finance@acme.example");
    await acme.page.goto(`/a/${ACME}/billing/invoices`);
    const row = acme.page.getByTestId("invoice-row").first();
    const detail = (await row.getByRole("link").first().getAttribute("href"))!;
    await acme.context.close();

    const member = await b.signedIn("member@acme.example");
    expect((await member.page.goto(`/a/${ACME}/billing/invoices`))!.status()).toBe(403);
    expect((await member.page.goto(detail))!.status()).toBe(403);
    expect((await member.page.request.get(`${detail}/pdf`)).status()).toBe(403);
    await member.context.close();

    const other = await b.signedIn("finance@globex.example");
    expect((await other.page.request.get(`${detail}/pdf`)).status()).toBe(404);
    // The same invoice id under Globex's own account: still not found.
    const underOwn = detail.replace(ACME, GLOBEX);
    expect((await other.page.goto(underOwn))!.status()).toBe(404);
    const res = await other.page.request.get(`${underOwn}/pdf`);
    expect(res.status()).toBe(404);
    expect(res.headers()["content-type"]).not.toContain("pdf");
    await other.context.close();
  });

  it("the emailed link opens that invoice and its PDF signed out; a tampered link gets 403 and nothing else", async () => {
    const { context, page } = await b.newPage();
    const html = await newestInvoiceEmail(page, "finance@acme.example");
    const link = /href="([^"]*\/invoice-link\/[^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, "&");
    expect(link).toBeTruthy();
    const path = new URL(link!).pathname;
    const number = /INV\d{8}/.exec(html)![0];

    await context.clearCookies();
    const res = await page.goto(path);
    expect(res!.status()).toBe(200);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toContain(number);
    const pdf = await page.request.get(`${path}/pdf`);
    expect(pdf.status()).toBe(200);
    expect(await pdfText(await pdf.body())).toContain(number);
    // Nothing else opens without signing in.
    await page.goto(`/a/${ACME}/billing/invoices`);
    await page.waitForURL(/\/sign-in/);

    const token = path.split("/").at(-1)!;
    const tampered = token.replace(/\.(\d+)\./, (_m, exp: string) => `.${Number(exp) + 86_400}.`);
    const bad = await page.request.get(`/invoice-link/${tampered}/pdf`);
    expect(bad.status()).toBe(403);
    expect(await bad.text()).not.toContain(number);
    const badPage = await page.goto(`/invoice-link/${tampered}`);
    expect(badPage!.status()).toBe(403);
    expect(await page.content()).not.toContain(number);
    await context.close();
  });
});
