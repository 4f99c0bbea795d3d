import { describe, expect, it } from "vitest";
import { ACME, hydrated, screenshot, sidebarItems, signIn, useBrowser } from "./browser";

const b = useBrowser();

describe("language", () => {
  it("the sign-in page follows the browser, and can be switched", async () => {
    const { context, page } = await b.newPage({ locale: "zh-CN" });
    await page.goto("/sign-in");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("登录");
    await screenshot(page, "sign-in.zh-CN");
    await hydrated(page, "button[lang=en]");
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Sign in");
    await screenshot(page, "sign-in.en");
    await context.close();
  });

  it("a user's choice of 简体中文 is remembered across browsers, and switched back", async () => {
    const first = await b.newPage();
    await signIn(first.page, "admin@globex.example");
    await hydrated(first.page, "[data-testid=language-switch]");
    await first.page.getByTestId("language-switch").selectOption("zh-CN");
    await expect.poll(() => sidebarItems(first.page)).toContain("概览");
    await first.context.close();

    // A new browser with an English Accept-Language: the saved choice wins after sign-in.
    const second = await b.newPage({ locale: "en-US" });
    await signIn(second.page, "admin@globex.example", { keepLanguage: true });
    expect(await sidebarItems(second.page)).toEqual(["概览", "交易记录", "成本分析", "用量明细", "预算", "代金券", "发票", "支付记录", "合同", "付款方式", "设置", "资源", "成员"]);
    await hydrated(second.page, "[data-testid=language-switch]");
    await second.page.getByTestId("language-switch").selectOption("en");
    await expect.poll(() => sidebarItems(second.page)).toContain("Overview");
    await second.context.close();
  });

  it("screenshots of the shell as a finance user in both languages", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "finance@acme.example");
    await page.goto(`/a/${ACME}/billing`);
    await screenshot(page, "shell-finance.en");
    await hydrated(page, "[data-testid=language-switch]");
    await page.getByTestId("language-switch").selectOption("zh-CN");
    await expect.poll(() => sidebarItems(page)).toContain("概览");
    await screenshot(page, "shell-finance.zh-CN");
    await hydrated(page, "[data-testid=language-switch]");
    await page.getByTestId("language-switch").selectOption("en");
    await expect.poll(() => sidebarItems(page)).toContain("Overview");
    await context.close();
  });
});
