import { describe, expect, it } from "vitest";
import { ACME, GLOBEX, screenshot, useBrowser } from "./browser";

const b = useBrowser();

describe("staff discount rates", () => {
  it("staff-finance review the effect, confirm with a reason, and see the new rate", async () => {
    const { context, page } = await b.signedIn("staff@billing.example");
    await page.goto("/staff");
    await page.getByRole("link", { name: "Discounts: Globex Research" }).click();
    await page.waitForURL(`**/staff/accounts/${GLOBEX}/discounts`);
    await page.waitForLoadState("networkidle");
    const form = page.getByRole("form", { name: "Change a rate" });
    await form.getByLabel("Applies to").selectOption("ecs.g7.large");
    await form.getByLabel("Discount (%)").fill("12.5");
    await form.getByLabel("Reason").fill("Pilot pricing for the Q1 rollout");
    await form.getByRole("button", { name: "Review change" }).click();
    // Nothing is written until the effect is confirmed.
    expect(await page.getByTestId("discount-effect").innerText()).toMatch(/Globex Research: the discount on Elastic compute g7\.large .* goes from 0% to 12\.5%\./);
    await screenshot(page, "staff-discount-confirm.en");
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect.poll(() => page.getByTestId("discount-rate").filter({ hasText: "Elastic compute g7.large" }).count()).toBe(1);
    const row = await page.getByTestId("discount-rate").filter({ hasText: "Elastic compute g7.large" }).innerText();
    expect(row).toContain("12.5%");
    expect(row).toContain("Pilot pricing for the Q1 rollout");
    await context.close();
  });

  it("support staff read the rates without a form; customers cannot reach the page", async () => {
    const { context, page } = await b.signedIn("support@billing.example");
    await page.goto(`/staff/accounts/${ACME}/discounts`);
    expect(await page.getByTestId("discount-rate").filter({ hasText: "Bare metal" }).innerText()).toContain("5%"); // the demo's committed-use rate
    expect(await page.getByRole("form", { name: "Change a rate" }).count()).toBe(0);
    expect(await page.getByTestId("read-only").count()).toBe(1);
    await context.close();

    const customer = await b.signedIn("owner@acme.example");
    expect((await customer.page.goto(`/staff/accounts/${ACME}/discounts`))!.status()).toBe(403);
    await customer.context.close();
  });
});
