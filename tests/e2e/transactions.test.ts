import { describe, expect, it } from "vitest";
import { ACME, GLOBEX, screenshot, signIn, useBrowser } from "./browser";

const b = useBrowser();

describe("transactions", () => {
  it("a finance member sees every movement with its balance after, filters by type, and exports CSV", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "finance@acme.example");
    await page.goto(`/a/${ACME}/billing`);
    const balance = /\$[\d,]+\.\d{2}/.exec(await page.getByTestId("figure-balance").innerText())![0];
    await page.goto(`/a/${ACME}/billing/transactions`);
    const rows = page.getByTestId("transaction-row");
    // A year of demo history, newest first: the latest balance after is the overview's balance
    // (postings that do not move the balance, such as a voucher's expiry, show none).
    await expect.poll(() => rows.count()).toBeGreaterThan(20);
    const balances = (await page.getByTestId("balance-after").allInnerTexts()).filter((v) => v !== "—");
    expect(balances[0]).toBe(balance);
    await screenshot(page, "transactions.en");

    await page.getByLabel("Type").selectOption("top_up");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/type=top_up/);
    const topUps = await rows.allInnerTexts();
    expect(topUps.length).toBeGreaterThanOrEqual(12); // the first wire, then a card top-up every month
    for (const row of topUps) expect(row).toMatch(/\+\$[\d,]+\.\d{2}/);
    expect(topUps.at(-1)).toContain("+$6,000.00"); // the oldest: the opening wire transfer

    const csv = await page.request.get(`/a/${ACME}/billing/transactions/export?type=top_up`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe(
      "Time (UTC),Type,Description,Amount (USD),Amount (micro-USD),Balance after (USD),Balance after (micro-USD),Frozen change (USD),Frozen change (micro-USD),Order number,Resource ID,Transaction ID",
    );
    expect(lines).toHaveLength(topUps.length + 1);
    // The opening wire transfer, in dollars to the cent as the page shows it and in exact micro-dollars.
    expect(lines.at(-1)).toContain(",6000.00,6000000000,");
    // A one-hour hold of an instance is $0.096: 0.10 to the cent, every decimal in the micro-dollar column.
    const all = await (await page.request.get(`/a/${ACME}/billing/transactions/export?type=hold`)).text();
    expect(all.split("\r\n").some((l) => l.includes(",-0.10,-96000,"))).toBe(true);
    await context.close();
  });

  it("the export refuses a plain member and another account", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "member@acme.example");
    expect((await page.request.get(`/a/${ACME}/billing/transactions/export`)).status()).toBe(403);
    expect((await page.goto(`/a/${ACME}/billing/transactions`))!.status()).toBe(403);
    await context.close();

    const other = await b.newPage();
    await signIn(other.page, "finance@acme.example");
    const res = await other.page.request.get(`/a/${GLOBEX}/billing/transactions/export`);
    expect(res.status()).toBe(404);
    expect(await res.text()).not.toContain("Bare metal");
    await other.context.close();
  });
});
