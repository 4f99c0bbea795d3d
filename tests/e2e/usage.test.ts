import { readFileSync } from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../fixtures/csv";
import { ACME, GLOBEX, hydrated, screenshot, shownCents, signIn, useBrowser } from "./browser";

const b = useBrowser();
const BARE_METAL = "Bare metal c6 (48 cores, 192 GiB)";

/** Last calendar month (UTC, the demo's platform time zone) as from/to dates: the demo history has a whole one. */
function lastMonth(): { from: string; to: string } {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

const cents = async (page: Page, testId: string) => shownCents(await page.getByTestId(testId).innerText());

/** Every row's net on this page and the ones after it, following "Older". */
async function netOfAllPages(page: Page, older: string): Promise<{ rows: number; net: number }> {
  let rows = 0;
  let net = 0;
  for (;;) {
    for (const text of await page.getByTestId("usage-net").allInnerTexts()) net += shownCents(text);
    rows += await page.getByTestId("usage-row").count();
    const next = page.getByRole("link", { name: older, exact: true });
    if ((await next.count()) === 0) return { rows, net };
    const url = page.url();
    await next.click();
    await page.waitForURL((u) => u.toString() !== url);
  }
}

async function axeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

describe("usage detail", () => {
  it("a finance member filters last month's bare metal, pages through it, sees totals equal to the rows, opens the resource and downloads the CSV", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "finance@acme.example");
    await page.getByTestId("nav-usage").click();
    await page.waitForURL(/\/billing\/usage/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Usage detail");

    const month = lastMonth();
    await page.getByLabel("From", { exact: true }).fill(month.from);
    await page.getByLabel("To", { exact: true }).fill(month.to);
    await page.getByLabel("Product").selectOption({ label: BARE_METAL });
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/product=bms\.c6\.metal/);
    await expect.poll(() => page.getByTestId("usage-row").count()).toBeGreaterThan(0);
    for (const p of await page.getByTestId("usage-product").allInnerTexts()) expect(p).toBe(BARE_METAL);
    // A daily product: each row is one server-day, from the product's data centre.
    const first = await page.getByTestId("usage-row").first().innerText();
    expect(first).toContain("1 server-day");
    expect(first).toContain("us-west-1 / Los Angeles LAX2");
    // Dates in the reader's language: "Nov 29, 2026, 12:00 AM – Nov 30, 2026, 12:00 AM".
    expect(first).toMatch(/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d+, \d{4}/);
    await screenshot(page, "usage.en");
    await axeClean(page);

    const totals = { gross: await cents(page, "usage-total-gross"), discount: await cents(page, "usage-total-discount"), net: await cents(page, "usage-total-net") };
    expect(totals.gross).toBeGreaterThan(0);
    // Acme's 5 % committed-use rate on bare metal shows as a negative discount.
    expect(totals.discount).toBeLessThan(0);
    const count = Number(/(\d+) charges?/.exec(await page.getByTestId("usage-totals").innerText())![1]);
    const pageUrl = page.url();
    const all = await netOfAllPages(page, "Older");
    expect(all.rows).toBe(count);
    // Each row rounds to the cent on its own, so the sum may differ from the total by half a cent a row.
    expect(Math.abs(all.net - totals.net)).toBeLessThanOrEqual(Math.ceil(count / 2));

    // The CSV of the same filters: a header in English, a line per charge, the micro-dollar column summing to the total.
    await page.goto(pageUrl);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
    const csv = parseCsv(readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, ""));
    const [header, ...lines] = csv;
    expect(header!.slice(0, 4)).toEqual(["Recorded (UTC)", "Increment start (UTC)", "Increment end (UTC)", "Resource"]);
    expect(lines).toHaveLength(count);
    const netMicros = lines.reduce((s, l) => s + BigInt(l[header!.indexOf("Net (micro-USD)")]!), 0n);
    expect(Number((netMicros + 5_000n) / 10_000n)).toBe(totals.net);
    for (const l of lines) expect(l[header!.indexOf("Product")]).toBe(BARE_METAL);

    // The resource behind a row: its own page with its details and its charges.
    const name = await page.getByTestId("usage-row").first().getByRole("link").innerText();
    await page.getByTestId("usage-row").first().getByRole("link").click();
    await page.waitForURL(/\/resources\/[0-9a-f-]{36}/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(name);
    expect(await page.getByTestId("resource-details").innerText()).toContain(BARE_METAL);
    await expect.poll(() => page.getByTestId("usage-row").count()).toBe(25);
    expect(await page.getByRole("link", { name: "Older", exact: true }).count()).toBe(1);
    await screenshot(page, "resource.en");
    await axeClean(page);
    await context.close();
  });

  it("a usage posting in Transactions links to the charges behind it", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "finance@acme.example");
    await page.goto(`/a/${ACME}/billing/transactions?type=usage`);
    const link = page.getByTestId("transaction-charges").first();
    await expect.poll(() => link.count()).toBe(1);
    await link.click();
    await page.waitForURL(/\/billing\/usage\?.*posting=[0-9a-f]{32}/);
    await expect.poll(() => page.getByText("The charges behind one usage posting.").count()).toBe(1);
    await expect.poll(() => page.getByTestId("usage-row").count()).toBeGreaterThan(0);
    expect(await cents(page, "usage-total-gross")).toBeGreaterThan(0);
    await context.close();
  });

  it("reads in 简体中文: columns, units, totals and the CSV headers", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "finance@acme.example");
    const month = lastMonth();
    await page.goto(`/a/${ACME}/billing/usage?from=${month.from}&to=${month.to}&product=bms.c6.metal`);
    await hydrated(page, "[data-testid=language-switch]");
    await page.getByTestId("language-switch").selectOption("zh-CN");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("用量明细");
    expect(await page.getByTestId("usage-totals").innerText()).toMatch(/筛选结果合计[\s\S]*原价[\s\S]*折扣[\s\S]*代金券[\s\S]*实付/);
    const row = await page.getByTestId("usage-row").first().innerText();
    expect(row).toContain("1 台·天");
    expect(row).toContain("裸金属服务器 c6");
    expect(row).toContain("按量付费（按天）");
    await screenshot(page, "usage.zh-CN");
    await axeClean(page);
    const csv = await page.request.get(`/a/${ACME}/billing/usage/export?from=${month.from}&to=${month.to}&product=bms.c6.metal`);
    const header = parseCsv((await csv.text()).replace(/^\uFEFF/, ""))[0]!;
    expect(header.slice(0, 4)).toEqual(["记账时间 (UTC)", "计费开始 (UTC)", "计费结束 (UTC)", "资源"]);
    expect(header).toContain("实付 (微美元)");
    await hydrated(page, "[data-testid=language-switch]");
    await page.getByTestId("language-switch").selectOption("en");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Usage detail");
    await context.close();
  });

  it("refuses a plain member and another account's usage and resources", async () => {
    const member = await b.newPage();
    await signIn(member.page, "member@acme.example");
    expect((await member.page.goto(`/a/${ACME}/billing/usage`))!.status()).toBe(403);
    expect((await member.page.request.get(`/a/${ACME}/billing/usage/export`)).status()).toBe(403);
    await member.context.close();

    const { context, page } = await b.newPage();
    await signIn(page, "finance@acme.example");
    expect((await page.goto(`/a/${GLOBEX}/billing/usage`))!.status()).toBe(404);
    const res = await page.request.get(`/a/${GLOBEX}/billing/usage/export`);
    expect(res.status()).toBe(404);
    expect(await res.text()).not.toContain("Bare metal");
    // A Globex resource id under Acme's path is not found either.
    await page.goto(`/a/${ACME}/billing/usage`);
    const acmeResource = (await page.getByTestId("usage-row").first().getByRole("link").getAttribute("href"))!.split("/").at(-1)!;
    expect((await page.goto(`/a/${GLOBEX}/resources/${acmeResource}`))!.status()).toBe(404);
    expect((await page.goto(`/a/${ACME}/resources/00000000-0000-4000-8000-000000000000`))!.status()).toBe(404);
    await context.close();
  });
});
