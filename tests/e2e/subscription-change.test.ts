import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ACME, hydrated, screenshot, sidebarItems, useBrowser } from "./browser";

const b = useBrowser();

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Buys a one-month g7.large subscription on the resources page and opens its own page. */
async function subscribe(page: Page, name: string, labels: { form: RegExp; term: string; name: string; buy: string }) {
  await page.goto(`/a/${ACME}/resources`);
  await hydrated(page, "#sub-product");
  const buy = page.getByRole("form", { name: labels.form });
  await buy.getByLabel(labels.term, { exact: true }).selectOption("1");
  await buy.locator("#sub-product").selectOption("ecs.g7.large.sub");
  await buy.getByLabel(labels.name).fill(name);
  await buy.getByRole("button", { name: labels.buy, exact: true }).click();
  await expect.poll(() => page.getByRole("link", { name, exact: true }).count(), { timeout: 20_000 }).toBe(1);
  await page.goto((await page.getByRole("link", { name, exact: true }).getAttribute("href"))!);
  await hydrated(page, "#change-product");
}

/** Previews then confirms a change on the resource page; returns the preview's text and the order number. */
async function change(page: Page, pick: (panel: ReturnType<Page["getByTestId"]>) => Promise<unknown>, labels: { preview: string; confirm: string }) {
  const panel = page.getByTestId("subscription-panel");
  await pick(panel);
  await panel.getByRole("button", { name: labels.preview }).click();
  const preview = panel.getByTestId("change-preview");
  await expect.poll(() => preview.count()).toBe(1);
  const text = await preview.innerText();
  expect(await axe(page)).toEqual([]);
  await preview.getByRole("button", { name: labels.confirm }).click();
  await expect.poll(() => panel.getByRole("status").innerText().catch(() => "")).toMatch(/ORD\d{10}/);
  return { text, orderNo: /ORD\d{10}/.exec(await panel.getByRole("status").innerText())![0] };
}

describe("subscription changes", () => {
  it("an upgrade is previewed, confirmed and listed in Orders, in English and in 简体中文; auto-renew switched; a downgrade scheduled and cancelled; axe clean", { timeout: 240_000 }, async () => {
    const { context, page } = await b.signedIn("admin@acme.example");
    const name = `sub-change-${crypto.randomUUID().slice(0, 6)}`;
    await subscribe(page, name, { form: /Buy a subscription/, term: "Term", name: "Name (optional)", buy: "Buy" });
    expect(await axe(page)).toEqual([]);
    const en = await change(page, (panel) => panel.getByLabel("Product").selectOption("ecs.g7.xlarge.sub"), { preview: "Preview change", confirm: "Confirm change" });
    expect(en.text).toContain("Upgrade: takes effect now");
    expect(en.text).toMatch(/Charged now from your available funds: \$\d+\.\d{2}/);
    expect(en.text).toContain("Elastic compute g7.xlarge, monthly × 1");
    await screenshot(page, "subscription-change.en");
    // Auto-renew off, then a downgrade back to g7.large: scheduled for the next term, nothing charged, cancelled.
    const panel = page.getByTestId("subscription-panel");
    await panel.getByRole("button", { name: "Turn auto-renew off" }).click();
    await expect.poll(() => panel.getByTestId("auto-renew-state").innerText()).toBe("Off: expires at the end of the term");
    await panel.getByRole("button", { name: "Turn auto-renew on" }).click();
    await expect.poll(() => panel.getByTestId("auto-renew-state").innerText()).toBe("On: renews by itself at expiry");
    const down = await change(page, (p) => p.getByLabel("Product").selectOption("ecs.g7.large.sub"), { preview: "Preview change", confirm: "Confirm change" });
    expect(down.text).toContain("Downgrade: takes effect at the next term");
    expect(down.text).toContain("Nothing is charged now.");
    await expect.poll(() => panel.getByTestId("scheduled-change").innerText()).toContain(`Elastic compute g7.large, monthly × 1 from the next term (order ${down.orderNo})`);
    expect(await axe(page)).toEqual([]);
    await panel.getByRole("button", { name: "Cancel scheduled downgrade" }).click();
    await expect.poll(() => panel.getByTestId("scheduled-change").count()).toBe(0);
    // The page now shows the new product; the order is in Orders.
    await page.reload();
    await expect.poll(() => page.getByTestId("resource-details").innerText()).toContain("Elastic compute g7.xlarge, monthly");
    await page.goto(`/a/${ACME}/resources/orders?orderNo=${en.orderNo}`);
    await expect.poll(() => page.getByRole("row").filter({ hasText: en.orderNo }).innerText()).toContain("Upgrade");

    // The same in 简体中文: more quantity is an upgrade too.
    await hydrated(page, "[data-testid=language-switch]");
    await page.getByTestId("language-switch").selectOption("zh-CN");
    await expect.poll(() => sidebarItems(page)).toContain("概览");
    try {
      const zhName = `${name}-zh`;
      await subscribe(page, zhName, { form: /购买包年包月/, term: "购买时长", name: "名称（可选）", buy: "购买" });
      const zh = await change(page, (panel) => panel.getByLabel("数量").fill("2"), { preview: "预览变更", confirm: "确认变更" });
      expect(zh.text).toContain("升配：立即生效");
      expect(zh.text).toContain("现在从可用余额扣除");
      await screenshot(page, "subscription-change.zh-CN");
      await page.goto(`/a/${ACME}/resources/orders?orderNo=${zh.orderNo}`);
      await expect.poll(() => page.getByRole("row").filter({ hasText: zh.orderNo }).innerText()).toContain("升级");
    } finally {
      await page.getByTestId("language-switch").selectOption("en");
      await page.waitForFunction(() => document.documentElement.lang === "en");
      await context.close();
    }
  });
});
