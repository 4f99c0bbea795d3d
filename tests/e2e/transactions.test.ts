import { describe, expect, it } from "vitest";
import { ACME, GLOBEX, screenshot, signIn, useBrowser } from "./browser";

const b = useBrowser();

describe("transactions", () => {
  it("a finance member sees every movement with its balance after, filters by type, and exports CSV", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "finance@acme.example");
    await page.goto(`/a/${ACME}/billing/transactions`);
    const rows = page.getByTestId("transaction-row");
    // The demo's postings for Acme: two top-ups, a hold and its release, two usage charges.
    await expect.poll(() => rows.count()).toBe(6);
    const newest = await rows.first().innerText();
    expect(newest).toContain("Unfrozen");
    expect(newest).toContain("+$12.40");
    expect(newest).toContain("$2,454.73"); // 2,000 + 500 − 12.40 − 37.214861 − 8.06 + 12.40, to the cent

    await screenshot(page, "transactions.en");

    await page.getByLabel("Type").selectOption("usage");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/type=usage/);
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.allInnerTexts()).toEqual([expect.stringContaining("-$8.06"), expect.stringContaining("-$37.21")]);

    const csv = await page.request.get(`/a/${ACME}/billing/transactions/export?type=usage`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Time (UTC),Type,Description,Amount (USD),Balance after (USD),Frozen change (USD),Order number,Resource ID,Transaction ID");
    expect(lines).toHaveLength(3);
    // The export keeps all six decimals: nothing is rounded away.
    expect(lines[2]).toContain("-37.214861");
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
