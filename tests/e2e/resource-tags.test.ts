import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ACME, hydrated, screenshot, sidebarItems, useBrowser } from "./browser";

const b = useBrowser();

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The resources page once its forms are hydrated (not "networkidle": a slow prefetch of another page must not hold the test). */
async function openResources(page: Page) {
  await page.goto(`/a/${ACME}/resources`);
  await hydrated(page, "#f-tags");
}

const chips = (page: Page, name: string) => page.getByTestId("resource-row").filter({ hasText: name }).getByTestId("resource-tags").innerText();

describe("resource tags", () => {
  it("are set at activation, shown on the row and edited later, in English and in 简体中文, refused lines keeping what was typed", { timeout: 180_000 }, async () => {
    const { context, page } = await b.signedIn("admin@acme.example");
    await openResources(page);
    const name = `tagged-${crypto.randomUUID().slice(0, 6)}`;
    const form = page.getByRole("form", { name: /Activate/ });
    await form.getByLabel("Product").selectOption("ecs.g7.large");
    await form.getByLabel("Name (optional)").fill(name);
    const tags = form.getByLabel("Tags (optional)");

    // A key typed twice: refused under the field, the text as typed, nothing activated.
    await tags.fill("team:ml\nenv:staging\nteam:web");
    await form.getByRole("button", { name: "Activate" }).click();
    await expect.poll(() => form.locator("#f-tags-error").innerText().catch(() => "")).toBe("The tag key “team” appears twice: keep one line per key.");
    expect(await tags.getAttribute("aria-invalid")).toBe("true");
    expect(await tags.inputValue()).toBe("team:ml\nenv:staging\nteam:web");
    expect(await form.getByLabel("Name (optional)").inputValue()).toBe(name);
    expect(await page.getByTestId("resource-row").filter({ hasText: name }).count()).toBe(0);

    await tags.fill("team: ml\nenv: staging");
    await form.getByRole("button", { name: "Activate" }).click();
    await expect.poll(() => form.getByRole("status").innerText()).toContain(`Activated ${name}.`);
    expect(await tags.inputValue()).toBe("");
    await expect.poll(() => chips(page, name)).toBe("env: staging\nteam: ml");
    expect(await axe(page)).toEqual([]);

    // The subscription form keeps what was chosen and typed the same way.
    const buy = page.getByRole("form", { name: "Buy a subscription" });
    await buy.getByLabel("Term", { exact: true }).selectOption("3");
    await buy.getByLabel("Name (optional)").fill(`${name}-sub`);
    await buy.getByLabel("Tags (optional)").fill(":ml");
    await buy.getByRole("button", { name: "Buy" }).click();
    await expect.poll(() => buy.locator("#sub-tags-error").innerText().catch(() => "")).toBe("A line starts with a colon: write the tag key before it (key:value).");
    expect([await buy.getByLabel("Term", { exact: true }).inputValue(), await buy.getByLabel("Name (optional)").inputValue(), await buy.getByLabel("Tags (optional)").inputValue()]).toEqual(["3", `${name}-sub`, ":ml"]);

    // Edit: the dialog starts from the resource's tags; a bad key is refused with the text kept.
    await page.getByRole("button", { name: `Edit tags of ${name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Tags of ${name}` });
    const lines = dialog.getByLabel("Tags (optional)");
    expect(await lines.inputValue()).toBe("env:staging\nteam:ml");
    const long = `${"k".repeat(65)}:v`;
    await lines.fill(long);
    await dialog.getByRole("button", { name: "Save tags" }).click();
    await expect.poll(() => dialog.getByText(/a tag key is 1 to 64 characters/).innerText()).toBe(`“${"k".repeat(23)}…”: a tag key is 1 to 64 characters.`);
    expect(await lines.inputValue()).toBe(long);
    expect(await axe(page)).toEqual([]);
    await lines.fill("team:ml\nenv:prod\nproject:render\nowner:ana");
    await dialog.getByRole("button", { name: "Save tags" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    // Three chips in key order, then the count of the rest.
    await expect.poll(() => chips(page, name)).toBe("env: prod\nowner: ana\nproject: render\n+1 more");
    await screenshot(page, "resource-tags.en");

    // The resource's own page has the same editor beside its tags.
    await page.goto(`/a/${ACME}/resources/${await page.getByRole("link", { name, exact: true }).getAttribute("href").then((h) => h!.split("/").at(-1))}`);
    await hydrated(page, "[data-testid=edit-tags]");
    await page.getByRole("button", { name: `Edit tags of ${name}` }).click();
    const own = page.getByRole("dialog", { name: `Tags of ${name}` });
    expect(await own.getByLabel("Tags (optional)").inputValue()).toBe("env:prod\nowner:ana\nproject:render\nteam:ml");
    await own.getByLabel("Tags (optional)").fill("team:ml\nenv:prod\nproject:render\nowner:bo");
    await own.getByRole("button", { name: "Save tags" }).click();
    await expect.poll(() => own.count()).toBe(0);
    await expect.poll(() => page.getByTestId("resource-details").getByTestId("resource-tags").innerText()).toContain("owner: bo");
    expect(await axe(page)).toEqual([]);
    await openResources(page);

    // The same in 简体中文.
    await page.getByTestId("language-switch").selectOption("zh-CN");
    await expect.poll(() => sidebarItems(page)).toContain("概览");
    await openResources(page);
    expect(await page.getByRole("form", { name: "开通按量付费资源" }).getByLabel("标签（可选）").count()).toBe(1);
    await page.getByRole("button", { name: `编辑 ${name} 的标签` }).click();
    const zhDialog = page.getByRole("dialog", { name: `${name} 的标签` });
    const zhLines = zhDialog.getByLabel("标签（可选）");
    expect(await zhLines.inputValue()).toBe("env:prod\nowner:bo\nproject:render\nteam:ml");
    await zhLines.fill("team:ml\nteam:web");
    await zhDialog.getByRole("button", { name: "保存标签" }).click();
    await expect.poll(() => zhDialog.getByText("出现了两次").innerText()).toBe("标签键“team”出现了两次：每个键只写一行。");
    expect(await zhLines.inputValue()).toBe("team:ml\nteam:web");
    expect(await axe(page)).toEqual([]);
    await zhLines.fill("team:ml\nenv:prod");
    await zhDialog.getByRole("button", { name: "保存标签" }).click();
    await expect.poll(() => zhDialog.count()).toBe(0);
    await expect.poll(() => chips(page, name)).toBe("env: prod\nteam: ml");
    expect(await axe(page)).toEqual([]);
    await screenshot(page, "resource-tags.zh-CN");
    await page.getByTestId("language-switch").selectOption("en");
    await expect.poll(() => sidebarItems(page)).toContain("Overview");

    // Released, the resource keeps its tags and offers no editor.
    await openResources(page);
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: `Release ${name}` }).click();
    await expect.poll(() => page.getByTestId("resource-row").filter({ hasText: name }).innerText()).toContain("Released");
    expect(await chips(page, name)).toBe("env: prod\nteam: ml");
    expect(await page.getByRole("button", { name: `Edit tags of ${name}` }).count()).toBe(0);
    await context.close();
  });
});
