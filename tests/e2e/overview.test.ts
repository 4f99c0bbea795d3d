import { AxeBuilder } from "@axe-core/playwright";
import { describe, expect, it } from "vitest";
import { ACME, GLOBEX, screenshot, shownCents, signIn, useBrowser } from "./browser";

const b = useBrowser();

/** An exact decimal ("1234.567891") rounded to cents the way the page shows money (half away from zero). */
const exactCents = (decimal: string) => {
  const negative = decimal.startsWith("-");
  const [whole, frac = ""] = decimal.replace("-", "").split(".");
  const micros = BigInt(whole!) * 1_000_000n + BigInt((frac + "000000").slice(0, 6));
  const cents = Number((micros + 5_000n) / 10_000n);
  return negative ? -cents : cents;
};

describe("the overview", () => {
  it("shows every figure as the ledger has it (read through the API)", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "admin@acme.example");
    await page.goto(`/a/${ACME}/api-keys`, { waitUntil: "networkidle" });
    await page.getByLabel("Key name").fill("overview-check");
    await page.getByRole("button", { name: "Create key" }).click();
    const key = await page.getByTestId("new-api-key").innerText();
    const api = await (await fetch(`${b.baseUrl()}/api/v1/balance`, { headers: { authorization: `Bearer ${key}` } })).json();

    await page.goto(`/a/${ACME}/billing`);
    for (const [figure, field] of [["available", "available"], ["balance", "balance"], ["creditLimit", "creditLimit"], ["frozen", "frozen"]] as const) {
      expect(shownCents(await page.getByTestId(`figure-${figure}`).innerText()), figure).toBe(exactCents(api[field].amount));
    }
    // The runway is the available funds over the last week's daily rate.
    const runway = await page.getByTestId("runway").innerText();
    const [, rate, days] = /\((\$[\d,.]+) a day\), available funds last about (\d+) days/.exec(runway)!;
    expect(Number(days)).toBe(Math.floor(exactCents(api.available.amount) / shownCents(rate!)));
    await context.close();
  });

  it("the chart's hover for a month equals that month's charges, and the table view gives the same figures", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "finance@acme.example");
    await page.goto(`/a/${ACME}/billing?range=12`, { waitUntil: "networkidle" });
    await screenshot(page, "overview.en");
    // Last month, summed from the charges themselves (the export does not read the chart's rollup).
    const csv = (await (await page.request.get(`/a/${ACME}/billing/spend/export?range=12`)).text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(csv[0]).toBe("Month,Actual paid (USD),Promotions & discounts (USD),Vouchers (USD),Total spend (USD)");
    expect(csv).toHaveLength(13);
    const [month, paid, discount, voucher, total] = csv[11]!.split(",");

    const bars = page.locator("[data-testid=spend-chart] .recharts-bar-rectangle");
    await expect.poll(() => bars.count()).toBeGreaterThanOrEqual(12);
    await bars.nth(10).hover(); // the first series' bar for month 11 of 12
    const tip = page.getByTestId("spend-tooltip");
    await expect.poll(() => tip.count()).toBe(1);
    const value = async (id: string) => shownCents(await tip.getByTestId(`tip-${id}`).innerText());
    expect(await tip.getByTestId("tip-paid").innerText()).toContain("Actual paid");
    expect(await value("paid")).toBe(exactCents(paid!));
    expect(await value("discount")).toBe(exactCents(discount!));
    expect(await value("voucher")).toBe(exactCents(voucher!));
    expect(await value("total")).toBe(exactCents(total!));
    expect(await value("paid")).toBeGreaterThan(0);

    // The table view, reached with the keyboard.
    await page.getByTestId("spend-view-toggle").focus();
    await page.keyboard.press("Enter");
    const row = page.locator(`[data-testid=spend-row][data-month="${month}"]`);
    const cells = await row.locator("td").allInnerTexts();
    expect(cells.map(shownCents)).toEqual([exactCents(paid!), exactCents(discount!), exactCents(voucher!), exactCents(total!)]);
    expect(await page.getByTestId("spend-row").count()).toBe(12);
    await context.close();
  });

  it("marks available funds as low while they are below an alert threshold", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "finance@globex.example"); // the demo's Globex has a few dollars and an alert at $50
    await page.goto(`/a/${GLOBEX}/billing`);
    expect(await page.getByTestId("figure-available").getAttribute("data-tone")).toBe("low");
    expect(await page.getByTestId("figure-available").innerText()).toContain("Low");
    expect(await page.getByRole("status").filter({ hasText: "below your alert threshold of $50.00" }).count()).toBe(1);
    await context.close();
  });

  it("passes an accessibility check and reads in 简体中文", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "finance@acme.example");
    await page.goto(`/a/${ACME}/billing`, { waitUntil: "networkidle" });
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

    await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: b.baseUrl() }]);
    await page.goto(`/a/${ACME}/billing?range=12`, { waitUntil: "networkidle" });
    expect(await page.getByRole("heading", { name: "月度消费" }).count()).toBe(1);
    await screenshot(page, "overview.zh-CN");
    await context.close();
  });
});
