import { describe, expect, it } from "vitest";
import { ACME, GLOBEX, screenshot, signIn, useBrowser } from "./browser";

const b = useBrowser();

describe("transactions", () => {
  it("a finance member sees every movement with its balance after, filters by type, and exports CSV", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "finance@acme.example");
    await page.goto(`/a/${ACME}/billing/transactions`);
    const rows = page.getByTestId("transaction-row");
    // The demo's own postings for Acme (other tests may add more after them).
    const unfrozen = rows.filter({ hasText: "Unfrozen: ecs-demo-001" });
    await expect.poll(() => unfrozen.count()).toBe(1);
    const text = await unfrozen.innerText();
    expect(text).toContain("+$12.40");
    expect(text).toContain("$2,454.73"); // 2,000 + 500 − 12.40 − 37.214861 − 8.06 + 12.40, to the cent
    await screenshot(page, "transactions.en");

    await page.getByLabel("Type").selectOption("top_up");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/type=top_up/);
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.allInnerTexts()).toEqual([expect.stringContaining("+$500.00"), expect.stringContaining("+$2,000.00")]);

    const csv = await page.request.get(`/a/${ACME}/billing/transactions/export?type=top_up`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Time (UTC),Type,Description,Amount (USD),Balance after (USD),Frozen change (USD),Order number,Resource ID,Transaction ID");
    expect(lines).toHaveLength(3);
    // The export keeps all six decimals: nothing is rounded away.
    const all = await (await page.request.get(`/a/${ACME}/billing/transactions/export`)).text();
    expect(all.split("\r\n").find((l) => l.includes("Elastic Compute ecs.g7.large, 72 h"))).toContain("-37.214861");
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
