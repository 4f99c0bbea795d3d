import { AxeBuilder } from "@axe-core/playwright";
import { describe, expect, it } from "vitest";
import { ACME, GLOBEX, createApiKey, screenshot, shownCents, useBrowser } from "./browser";

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
    const { context, page } = await b.signedIn("admin@acme.example");
    const key = await createApiKey(page, ACME, "overview-check");
    const api = await (await fetch(`${b.baseUrl()}/api/v1/balance`, { headers: { authorization: `Bearer ${key}` } })).json();

    await page.goto(`/a/${ACME}/billing`);
    for (const [figure, field] of [["available", "available"], ["balance", "balance"], ["creditLimit", "creditLimit"], ["frozen", "frozen"]] as const) {
      expect(shownCents(await page.getByTestId(`figure-${figure}`).innerText()), figure).toBe(exactCents(api[field].amount));
    }
    // The runway is the available funds over the last week's daily rate.
    const runway = await page.getByTestId("runway").innerText();
    const [, rate, days] = /\((\$[\d,.]+) a day\), available funds last about (\d+) days/.exec(runway)!;
    // The page divides by the exact rate; the rate it prints is rounded to the cent, so the
    // days must be what some rate within half a cent of the printed one gives.
    const [whole, frac = ""] = (api.available.amount as string).split(".");
    const available = Number(whole) * 1_000_000 + Number((frac + "000000").slice(0, 6));
    const rateMicros = shownCents(rate!) * 10_000;
    expect(Number(days)).toBeGreaterThanOrEqual(Math.floor(available / (rateMicros + 5_000)));
    expect(Number(days)).toBeLessThanOrEqual(Math.floor(available / (rateMicros - 5_000)));
    await context.close();
  });

  it("the chart's hover for a month equals that month's invoice and the export to the cent, and the table view gives the same figures", async () => {
    const { context, page } = await b.signedIn("finance@acme.example", `/a/${ACME}/billing?range=12`);
    await screenshot(page, "overview.en");
    // Per month: its invoice number (once issued), then each figure to the cent and in micro-dollars.
    const csv = (await (await page.request.get(`/a/${ACME}/billing/spend/export?range=12`)).text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(csv[0]).toBe(
      "Month,Invoice number,Actual paid (USD),Actual paid (micro-USD),Promotions & discounts (USD),Promotions & discounts (micro-USD),Vouchers (USD),Vouchers (micro-USD),Total spend (USD),Total spend (micro-USD)",
    );
    expect(csv).toHaveLength(13);
    const cells = (i: number) => {
      const [month, number, paid, paidMicros, discount, , voucher, , total] = csv[i]!.split(",");
      expect(paid).toMatch(/^\d+\.\d{2}$/);
      expect(Math.round(Number(paidMicros) / 10_000)).toBe(Math.round(Number(paid) * 100));
      const c = (v: string) => Math.round(Number(v) * 100);
      return { month: month!, number: number!, figures: [c(paid!), c(discount!), c(voucher!), c(total!)] };
    };
    // Two months ago: closed and invoiced (on the 5th of last month), whatever today's date.
    const closed = cells(10);
    expect(closed.number).toMatch(/^INV\d{8}$/);

    const bars = page.locator("[data-testid=spend-chart] .recharts-bar-rectangle");
    await expect.poll(() => bars.count()).toBeGreaterThanOrEqual(12);
    const tip = page.getByTestId("spend-tooltip");
    const value = async (id: string) => shownCents(await tip.getByTestId(`tip-${id}`).innerText());
    for (const [bar, row] of [[9, closed], [10, cells(11)]] as const) {
      await bars.nth(bar).hover(); // the first series' bar for that month
      await expect.poll(() => tip.count()).toBe(1);
      expect(await tip.getByTestId("tip-paid").innerText()).toContain("Actual paid");
      expect([await value("paid"), await value("discount"), await value("voucher"), await value("total")], row.month).toEqual(row.figures);
      expect(await value("paid")).toBeGreaterThan(0);
    }

    // The table view, reached with the keyboard.
    await page.getByTestId("spend-view-toggle").focus();
    await page.keyboard.press("Enter");
    const row = page.locator(`[data-testid=spend-row][data-month="${closed.month}"]`);
    expect((await row.locator("td").allInnerTexts()).map(shownCents)).toEqual(closed.figures);
    expect(await page.getByTestId("spend-row").count()).toBe(12);

    // The month's invoice says the same: charged, discounts, vouchers, gross.
    await page.goto(`/a/${ACME}/billing/invoices?from=${closed.month}&to=${closed.month}`);
    await page.locator(`[data-testid=invoice-row][data-number="${closed.number}"] a`).first().click();
    await page.getByTestId("invoice-summary").waitFor();
    const sum = async (key: string) => Math.abs(shownCents(await page.getByTestId(`sum-${key}`).innerText()));
    expect([await sum("total"), await sum("discount"), await sum("voucher"), await sum("gross")]).toEqual(closed.figures);
    await context.close();
  });

  it("marks available funds as low while they are below an alert threshold", async () => {
    const { context, page } = await b.signedIn("finance@globex.example"); // the demo's Globex has a few dollars and an alert at $50
    await page.goto(`/a/${GLOBEX}/billing`);
    expect(await page.getByTestId("figure-available").getAttribute("data-tone")).toBe("low");
    expect(await page.getByTestId("figure-available").innerText()).toContain("Low");
    expect(await page.getByRole("status").filter({ hasText: "below your alert threshold of $50.00" }).count()).toBe(1);
    await context.close();
  });

  it("each card's View link shows the focus outline when reached with the keyboard", async () => {
    const { context, page } = await b.signedIn("finance@acme.example", `/a/${ACME}/billing`);
    for (const name of ["View all · Vouchers", "View all · Latest invoices", "View details · Contracts"]) {
      const link = page.getByRole("link", { name, exact: true });
      // Shift+Tab then Tab: the link has the keyboard's focus, as :focus-visible requires.
      await link.focus();
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Tab");
      const seen = await link.evaluate((el) => ({ focused: el === document.activeElement && el.matches(":focus-visible"), outline: getComputedStyle(el).outlineStyle, width: getComputedStyle(el).outlineWidth }));
      expect(seen, name).toEqual({ focused: true, outline: "solid", width: "2px" });
    }
    await context.close();
  });

  it("passes an accessibility check and reads in 简体中文", async () => {
    const { context, page } = await b.signedIn("finance@acme.example", `/a/${ACME}/billing`);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

    await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: b.baseUrl() }]);
    await page.goto(`/a/${ACME}/billing?range=12`, { waitUntil: "networkidle" });
    expect(await page.getByRole("heading", { name: "月度消费" }).count()).toBe(1);
    await screenshot(page, "overview.zh-CN");
    await context.close();
  });
});
