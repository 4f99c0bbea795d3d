import { describe, expect, it } from "vitest";
import { ACME, GLOBEX, createApiKey, screenshot, shownCents, useBrowser } from "./browser";

const b = useBrowser();

describe("resources", () => {
  it("activation is refused with a clear message when available funds cannot cover the hold, and nothing changes", async () => {
    const { context, page } = await b.signedIn("admin@globex.example"); // Globex has a few dollars left in the demo (other tests may lend it credit)
    await page.goto(`/a/${GLOBEX}/billing`);
    const available = shownCents(await page.getByTestId("figure-available").innerText());
    // Enough bare-metal servers that one day's hold is more than the available funds.
    const quantity = Math.floor(Math.max(available, 0) / 3840) + 1;
    await page.goto(`/a/${GLOBEX}/resources`, { waitUntil: "networkidle" });
    const before = await page.getByTestId("resource-row").count();
    const activate = page.getByRole("form", { name: /Activate/ });
    await activate.getByLabel("Product").selectOption("bms.c6.metal");
    await activate.getByLabel("Quantity").fill(String(quantity));
    await expect.poll(async () => shownCents(await page.getByTestId("hold-preview").innerText())).toBe(3840 * quantity);
    expect(3840 * quantity).toBeGreaterThan(available);
    await page.getByRole("button", { name: "Activate" }).click();
    await expect.poll(() => page.getByRole("form", { name: /Activate/ }).getByRole("alert").innerText()).toMatch(/available funds are not enough/);
    await page.reload();
    expect(await page.getByTestId("resource-row").count()).toBe(before);
    await page.goto(`/a/${GLOBEX}/billing`);
    expect(await page.getByTestId("figure-frozen").innerText()).toContain("$0.00"); // Globex runs nothing
    await context.close();
  });

  it("activation freezes one increment, shown on the overview; release returns it", async () => {
    const { context, page } = await b.signedIn("finance@acme.example");
    await page.goto(`/a/${ACME}/billing`);
    // The demo's running resources hold one increment each already.
    const frozenBefore = shownCents(await page.getByTestId("figure-frozen").innerText());

    await page.goto(`/a/${ACME}/resources`, { waitUntil: "networkidle" }); // forms work once hydrated
    const activate = page.getByRole("form", { name: /Activate/ });
    await activate.getByLabel("Product").selectOption("gpu.a10.xlarge");
    await activate.getByLabel("Quantity").fill("2");
    await activate.getByLabel("Name (optional)").fill("render-farm-1");
    await expect.poll(() => page.getByTestId("hold-preview").innerText()).toBe("Frozen on activation: $2.90");
    await page.getByRole("button", { name: "Activate" }).click();
    await expect.poll(() => page.getByRole("form", { name: /Activate/ }).getByRole("status").innerText()).toContain("Activated render-farm-1. $2.90 is frozen");
    const row = page.getByTestId("resource-row").filter({ hasText: "render-farm-1" });
    await expect.poll(() => row.innerText()).toContain("Running");
    await screenshot(page, "resources.en");

    await page.goto(`/a/${ACME}/billing`);
    expect(shownCents(await page.getByTestId("figure-frozen").innerText())).toBe(frozenBefore + 290);

    await page.goto(`/a/${ACME}/resources`, { waitUntil: "networkidle" }); // forms work once hydrated
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Release render-farm-1" }).click();
    await expect.poll(() => page.getByTestId("resource-row").filter({ hasText: "render-farm-1" }).innerText()).toContain("Released");
    await page.goto(`/a/${ACME}/billing`);
    expect(shownCents(await page.getByTestId("figure-frozen").innerText())).toBe(frozenBefore);

    // Both show up as orders.
    await page.goto(`/a/${ACME}/resources/orders`);
    await expect.poll(() => page.getByTestId("order-row").count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId("order-row").first().innerText()).toContain("GPU instance A10");
    await context.close();
  });

  it("a subscription is paid up front with the term discount and shows its expiry", async () => {
    const { context, page } = await b.signedIn("owner@acme.example");
    await page.goto(`/a/${ACME}/billing`);
    const balanceBefore = await page.getByTestId("figure-balance").innerText();
    await page.goto(`/a/${ACME}/resources`, { waitUntil: "networkidle" });
    const form = page.getByRole("form", { name: "Buy a subscription" });
    await form.getByLabel("Product").selectOption("ecs.g7.large.sub");
    await form.getByLabel("Term", { exact: true }).selectOption("12");
    await form.getByLabel("Name (optional)").fill("web-annual");
    await form.getByRole("button", { name: "Buy" }).click();
    await expect.poll(() => form.getByRole("status").innerText()).toMatch(/^Subscribed: web-annual until /);
    await page.goto(`/a/${ACME}/resources/orders?productId=ecs.g7.large.sub`);
    // 12 × $62.00 = $744.00, less the 12-month discount of 15% = $632.40.
    const order = await page.getByTestId("order-row").first().innerText();
    expect(order).toContain("Subscription");
    expect(order).toContain("$744.00");
    expect(order).toContain("$111.60");
    expect(order).toContain("$632.40");
    await page.goto(`/a/${ACME}/billing`);
    expect(await page.getByTestId("figure-balance").innerText()).not.toBe(balanceBefore);
    await context.close();
  });

  it("a plain member may activate and release too, but another account's orders export is not found", async () => {
    const { context, page } = await b.signedIn("member@acme.example");
    await page.goto(`/a/${ACME}/resources`, { waitUntil: "networkidle" }); // forms work once hydrated
    expect(await page.getByRole("button", { name: "Activate" }).count()).toBe(1);
    expect((await page.request.get(`/a/${GLOBEX}/resources/orders/export`)).status()).toBe(404);
    await context.close();
  });
});

describe("API keys", () => {
  it("an admin creates a key, shown once, that reads this account's balance; finance may not manage keys", async () => {
    const { context, page } = await b.signedIn("admin@acme.example");
    const key = await createApiKey(page, ACME, "provisioner");
    expect(key).toMatch(/^bck_/);
    const res = await fetch(`${b.baseUrl()}/api/v1/balance`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    expect((await res.json()).creditLimit.amount).toBe("1000.000000");
    await page.reload();
    expect(await page.getByTestId("api-keys-table").innerText()).not.toContain(key);
    await context.close();

    const finance = await b.signedIn("finance@acme.example");
    expect((await finance.page.goto(`/a/${ACME}/api-keys`))!.status()).toBe(403);
    await finance.context.close();
  });
});
