import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ACME, hydrated, screenshot, shownCents, useBrowser } from "./browser";

const b = useBrowser();

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Last month in the platform calendar (the suite runs the app in UTC): its "YYYY-MM" and its number of days. */
function lastMonth(now = new Date()) {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return { key: first.toISOString().slice(0, 7), days: new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate() };
}

const controls = (page: Page) => page.getByTestId("cost-controls");
const totalCents = async (page: Page) => shownCents(await page.getByTestId("cost-total").innerText());

/** The CSV of the view as the export link gives it: header, then lines; the last line is the total. */
async function csvOf(page: Page): Promise<string[]> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("costs-export").click()]);
  const stream = await download.createReadStream();
  let text = "";
  for await (const chunk of stream) text += chunk;
  return text.replace(/^\uFEFF/, "").trim().split("\r\n");
}

describe("the cost explorer", () => {
  it("answers what bare metal in Los Angeles cost last month, by day: the table, the hover, the URL and the CSV agree", { timeout: 180_000 }, async () => {
    const { context, page } = await b.signedIn("finance@acme.example");
    await page.goto(`/a/${ACME}/billing`, { timeout: 90_000 });
    await page.getByTestId("nav-costs").click();
    await page.waitForURL(/\/billing\/costs/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Cost explorer");
    // The month in progress is in the default range (the last 6 months): its forecast and the method line.
    await expect.poll(() => page.getByTestId("cost-forecast").innerText()).toMatch(/Forecast for .+: \$[\d,]+\.\d{2}[\s\S]*last 7 days' daily pay-as-you-go rate/);
    await hydrated(page, "[data-testid=cost-chart] .recharts-wrapper");
    await screenshot(page, "cost-explorer.en");

    const form = controls(page);
    await form.getByTestId("cost-range").selectOption("last-month");
    await form.getByTestId("cost-by").selectOption("day");
    await form.getByTestId("cost-product").selectOption({ label: "Bare metal c6 (48 cores, 192 GiB)" });
    await form.getByTestId("cost-region").selectOption("us-west-1");
    await form.getByTestId("cost-apply").click();
    await page.waitForURL((u) => u.searchParams.get("product") === "bms.c6.metal" && u.searchParams.get("region") === "us-west-1" && u.searchParams.get("range") === "last-month");
    const { key, days } = lastMonth();
    const rows = page.getByTestId("cost-row");
    await expect.poll(() => rows.count()).toBe(days);
    // One server-day of bare metal a day at $38.40, 5 % off (net, the default amount): $36.48 on every full day.
    const dayCells = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll("td")[0]!.textContent ?? ""));
    expect(dayCells.filter((c) => c === "$36.48").length).toBeGreaterThanOrEqual(days - 2);
    const total = await totalCents(page);
    expect(total).toBe(dayCells.reduce((s, c) => s + shownCents(c), 0));
    await screenshot(page, "cost-explorer.bare-metal.en");

    // Gross: list price.
    await page.getByTestId("cost-amount-gross").click();
    await page.waitForURL((u) => u.searchParams.get("amount") === "gross");
    await expect.poll(async () => (await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll("td")[0]!.textContent))).filter((c) => c === "$38.40").length).toBeGreaterThanOrEqual(days - 2);
    const gross = await totalCents(page);
    expect(Math.abs(gross * 0.95 - total)).toBeLessThanOrEqual(days);

    // The hover names the group and its amount for the day under the pointer.
    await hydrated(page, "[data-testid=cost-chart] .recharts-wrapper");
    const bars = page.locator("[data-testid=cost-chart] .recharts-bar-rectangle");
    await expect.poll(() => bars.count()).toBeGreaterThan(20);
    await bars.nth(14).hover();
    const tip = page.getByTestId("cost-tooltip");
    await expect.poll(() => tip.count()).toBe(1);
    expect(await tip.innerText()).toMatch(/Bare metal c6[\s\S]*\$38\.40[\s\S]*Total[\s\S]*\$38\.40/);

    // The URL is the view: opened afresh it shows the same controls and figures.
    const url = page.url();
    const again = await context.newPage();
    await again.goto(url, { timeout: 90_000 });
    expect(await controls(again).getByTestId("cost-range").inputValue()).toBe("last-month");
    expect(await controls(again).getByTestId("cost-by").inputValue()).toBe("day");
    expect(await controls(again).getByTestId("cost-product").inputValue()).toBe("bms.c6.metal");
    expect(await controls(again).getByTestId("cost-region").inputValue()).toBe("us-west-1");
    expect(await again.getByTestId("cost-amount-gross").getAttribute("aria-current")).toBe("page");
    expect(await totalCents(again)).toBe(gross);
    await again.close();

    // The CSV of the view: a line per day with spend, in cents and micro-dollars; its total is the page's.
    const csv = await csvOf(page);
    expect(csv[0]).toBe("Period,Product,Key,Gross (USD),Gross (micro-USD),Net (USD),Net (micro-USD)");
    const lines = csv.slice(1, -1);
    expect(lines.every((l) => l.startsWith(`${key}-`) && l.includes(`,"Bare metal c6 (48 cores, 192 GiB)",bms.c6.metal,`))).toBe(true);
    const last = csv.at(-1)!.split(",");
    expect(last[0]).toBe("Total");
    expect(Math.round(Number(last[3]) * 100)).toBe(gross);
    expect(Math.round(Number(last[5]) * 100)).toBe(total);

    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it("answers what team:ml cost this year, by month and by tag, in 简体中文 with Chinese month names", { timeout: 180_000 }, async () => {
    const { context, page } = await b.signedIn("finance@acme.example");
    await page.goto(`/a/${ACME}/billing/costs`, { timeout: 90_000 });
    const year = new Date().getUTCFullYear();
    const today = new Date().toISOString().slice(0, 10);
    const form = controls(page);
    await form.getByTestId("cost-range").selectOption("custom");
    await form.getByTestId("cost-from").fill(`${year}-01-01`);
    await form.getByTestId("cost-to").fill(today);
    await form.getByTestId("cost-by").selectOption("month");
    await form.getByTestId("cost-group").selectOption("tag:team");
    await form.getByTestId("cost-apply").click();
    await page.waitForURL((u) => u.searchParams.get("group") === "tag:team" && u.searchParams.get("from") === `${year}-01-01`);
    const header = await page.getByTestId("cost-table").locator("thead").innerText();
    expect(header).toMatch(/\bml\b/i);
    const all = await totalCents(page);

    await controls(page).getByTestId("cost-tag").selectOption("team:ml");
    await controls(page).getByTestId("cost-apply").click();
    await page.waitForURL((u) => u.searchParams.get("tag") === "team:ml");
    const ml = await totalCents(page);
    expect(ml).toBeGreaterThan(0);
    expect(ml).toBeLessThan(all);
    // Grouped by team and filtered to ml: one group, whose column total is the page's.
    expect(await page.getByTestId("cost-group-link").allInnerTexts()).toEqual(["ml"]);
    await screenshot(page, "cost-explorer.team-ml.en");

    await hydrated(page, "[data-testid=language-switch]");
    await page.getByTestId("language-switch").selectOption("zh-CN");
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN", undefined, { timeout: 20_000 });
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("成本分析");
    expect(await page.getByTestId("sidebar").innerText()).toContain("成本分析");
    expect(await page.getByTestId("cost-row").first().locator("th").innerText()).toBe(`${year}年1月`);
    expect(await controls(page).getByTestId("cost-group").inputValue()).toBe("tag:team");
    // The same figure, written for the Chinese reader (US$).
    expect(await page.getByTestId("cost-total").innerText()).toMatch(/^US\$/);
    expect(await totalCents(page)).toBe(ml);
    await expect.poll(() => page.getByTestId("cost-forecast").innerText()).toMatch(/预测[\s\S]*最近 7 天/);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, "cost-explorer.team-ml.zh-CN");
    const csv = await csvOf(page);
    expect(csv[0]).toBe("时段,标签：team,键,原价 (USD),原价 (微美元),优惠后 (USD),优惠后 (微美元)");
    await page.getByTestId("language-switch").selectOption("en");
    await page.waitForFunction(() => document.documentElement.lang === "en", undefined, { timeout: 20_000 });
    await context.close();
  });

  it("is refused to a plain member, by page and by CSV", async () => {
    const { context, page } = await b.signedIn("member@acme.example");
    expect((await page.goto(`/a/${ACME}/billing/costs`))!.status()).toBe(403);
    expect((await page.request.get(`/a/${ACME}/billing/costs/export?range=12m`)).status()).toBe(403);
    await context.close();
  });
});
