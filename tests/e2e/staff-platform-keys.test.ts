import { describe, expect, it } from "vitest";
import { ACME, hydrated, screenshot, sidebarItems, useBrowser } from "./browser";

const b = useBrowser();

const balanceOf = (key: string, accountId: string) => fetch(`${b.baseUrl()}/api/v1/accounts/${accountId}/balance`, { headers: { authorization: `Bearer ${key}` } });

describe("platform API keys in the staff console", () => {
  it("staff-finance create a platform key, see it once, use it on an account's path, and revoke it with a reason, in English and 简体中文", async () => {
    const { context, page } = await b.signedIn("staff@billing.example", "/staff/platform-keys");
    expect(await sidebarItems(page)).toContain("Platform keys");
    await hydrated(page, "[data-testid=platform-key-create] button[type=submit]");
    const name = `control plane ${crypto.randomUUID().slice(0, 6)}`;
    await page.getByLabel("Key name").fill(name);
    await page.getByLabel("Expires on (optional)").fill("2099-12-31");
    await page.getByRole("button", { name: "Create platform key" }).click();
    const key = await page.getByTestId("new-platform-key").innerText();
    expect(key).toMatch(/^bck_\S{20,}$/);
    expect(await page.getByTestId("platform-key-created").innerText()).toContain("it is shown only once");
    await expect.poll(() => page.getByTestId("platform-key-row").filter({ hasText: name }).count(), { timeout: 20_000 }).toBe(1);
    const row = page.getByTestId("platform-key-row").filter({ hasText: name });
    expect(await row.innerText()).toContain(`${key.slice(0, 12)}…`);
    expect(await row.innerText()).toContain("Active");
    await screenshot(page, "staff-platform-keys.en");

    // The key works for an account named in the path.
    expect((await balanceOf(key, ACME)).status).toBe(200);

    // Shown once: a reload has the row but not the key.
    await page.reload({ waitUntil: "networkidle" });
    expect(await page.getByTestId("new-platform-key").count()).toBe(0);
    expect(await page.content()).not.toContain(key);

    // The same page in 简体中文, then the revocation there: reason, confirmation, outcome.
    await hydrated(page, "[data-testid=language-switch]");
    await page.getByTestId("language-switch").selectOption("zh-CN");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText(), { timeout: 20_000 }).toBe("平台 API 密钥");
    const zhRow = page.getByTestId("platform-key-row").filter({ hasText: name });
    expect(await zhRow.innerText()).toContain("有效");
    await hydrated(page, "[data-testid=platform-key-row] [data-testid=platform-key-revoke]");
    await zhRow.getByTestId("platform-key-revoke").click();
    const dialog = page.getByTestId("platform-key-revoke-dialog");
    await dialog.getByLabel("原因").fill("rotated to a new key");
    await dialog.getByRole("button", { name: "检查变更" }).click();
    expect(await dialog.innerText()).toContain("从现在起，使用此密钥的所有请求都会被拒绝（401）");
    await screenshot(page, "staff-platform-keys-revoke.zh-CN");
    await dialog.getByRole("button", { name: "吊销", exact: true }).click();
    await expect.poll(() => page.getByTestId("platform-key-revoke-result").innerText(), { timeout: 20_000 }).toBe(`平台密钥 ${name} 已吊销。`);
    await dialog.getByRole("button", { name: "关闭" }).click();
    await expect.poll(() => zhRow.innerText(), { timeout: 20_000 }).toContain("已于");
    expect(await zhRow.getByTestId("platform-key-revoke").count()).toBe(0);
    await screenshot(page, "staff-platform-keys.zh-CN");
    expect((await balanceOf(key, ACME)).status).toBe(401);

    await page.getByTestId("language-switch").selectOption("en");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText(), { timeout: 20_000 }).toBe("Platform API keys");
    await context.close();
  });

  it("support staff see the list but no create form and no revoke button", async () => {
    const { context, page } = await b.signedIn("support@billing.example", "/staff/platform-keys");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Platform API keys");
    expect(await page.getByText("only staff in the finance role can create or revoke them").count()).toBe(1);
    expect(await page.getByTestId("platform-key-create").count()).toBe(0);
    expect(await page.getByTestId("platform-key-revoke").count()).toBe(0);
    await context.close();
  });
});
