import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ACME, GLOBEX, screenshot, sidebarItems, signIn, useBrowser } from "./browser";

const b = useBrowser();

/** Whole dollars of a figure as the page shows it ("$1,234.56", "-$3.10"): the integer part, rounded down. */
function wholeDollars(text: string): bigint {
  const m = /(-?)\D*([\d,]+)\.(\d{2})/.exec(text);
  if (!m) throw new Error(`not an amount: ${text}`);
  const whole = BigInt(m[2]!.replace(/,/g, ""));
  return m[1] === "-" ? -whole - (m[3] === "00" ? 0n : 1n) : whole;
}
const usd = (dollars: bigint) => `$${dollars.toLocaleString("en-US")}.00`;

async function openAlerts(page: Page) {
  await page.goto(`/a/${ACME}/billing/alerts`, { waitUntil: "networkidle" });
  return page.getByRole("form", { name: "Low-funds alert" });
}

describe("low-funds alert settings", () => {
  it("a finance user sets a threshold above the available funds, and the overview says funds are below it; bad input changes nothing; the webhook secret is shown once", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "finance@acme.example");
    await page.goto(`/a/${ACME}/billing`, { waitUntil: "networkidle" });
    const available = /-?\$[\d,]+\.\d{2}/.exec(await page.getByTestId("figure-available").innerText())![0];
    // The seeded alert (Acme watches $200 and $500) is on the overview.
    await expect.poll(() => page.getByTestId("alert-status").innerText()).toContain("On, below $200.00 and $500.00");
    await page.getByTestId("alert-status").locator("xpath=ancestor::section[1]").getByRole("link", { name: "Alert settings" }).click();
    await page.waitForURL(`**/a/${ACME}/billing/alerts`);
    await page.waitForLoadState("networkidle");
    let form = page.getByRole("form", { name: "Low-funds alert" });
    expect(await form.getByRole("textbox", { name: "Threshold 1", exact: true }).inputValue()).toBe("200");
    expect(await form.getByRole("textbox", { name: "Threshold 2", exact: true }).inputValue()).toBe("500");

    // Not an amount, and an http address elsewhere than this machine: told which, nothing saved.
    await form.getByRole("button", { name: "Add a threshold" }).click();
    await form.getByRole("textbox", { name: "Threshold 3", exact: true }).fill("lots");
    await form.getByLabel("Webhook URL").fill("http://hooks.example/billing");
    await form.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => form.getByText("Enter an amount in dollars and cents, like 200 or 49.50.").count()).toBe(1);
    expect(await form.getByText("Use an https:// address (plain http only to localhost).").count()).toBe(1);
    form = await openAlerts(page);
    expect(await form.getByRole("textbox", { name: "Threshold 3", exact: true }).count()).toBe(0);
    expect(await form.getByLabel("Webhook URL").inputValue()).toBe("");

    // A threshold $1,000 above what the account has now, and a webhook.
    const above = wholeDollars(available) + 1000n;
    await form.getByRole("button", { name: "Add a threshold" }).click();
    await form.getByRole("textbox", { name: "Threshold 3", exact: true }).fill(String(above));
    await form.getByLabel("Webhook URL").fill("https://hooks.example/billing");
    await form.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => form.getByRole("status").first().innerText()).toBe("Alert settings saved.");
    const secret = (await page.getByTestId("new-secret").locator("code").innerText()).trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await page.reload({ waitUntil: "networkidle" });
    expect(await page.getByTestId("new-secret").count()).toBe(0); // shown once
    expect(await page.getByTestId("secret-hint").innerText()).toBe(`Current secret: whsec_…${secret.slice(-4)}`);
    expect(await page.locator("body").innerText()).not.toContain(secret);
    await screenshot(page, "alerts.en");

    // The overview: the lowest threshold the funds are under is the one it names.
    await page.goto(`/a/${ACME}/billing`, { waitUntil: "networkidle" });
    const thresholds = [200n, 500n, above].filter((t) => wholeDollars(available) < t);
    const status = await page.getByTestId("alert-status").innerText();
    expect(status).toContain(`On, below $200.00, $500.00, and ${usd(above)}`);
    expect(await page.getByTestId("alert-funds").innerText()).toBe(`Available funds (${available}) are below ${usd(thresholds[0]!)}: owners, admins and finance members get a daily reminder.`);

    // The same page in 简体中文.
    await page.getByTestId("language-switch").selectOption("zh-CN");
    await expect.poll(() => sidebarItems(page)).toContain("概览");
    await page.goto(`/a/${ACME}/billing/alerts`, { waitUntil: "networkidle" });
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("提醒设置");
    expect(await page.getByRole("form", { name: "可用金提醒" }).getByRole("textbox", { name: "阈值 3", exact: true }).inputValue()).toBe(String(above));
    await screenshot(page, "alerts.zh-CN");
    await page.getByTestId("language-switch").selectOption("en");
    await expect.poll(() => sidebarItems(page)).toContain("Overview");

    // Back as it was, so other tests see the demo's alert.
    form = await openAlerts(page);
    await form.getByRole("button", { name: "Remove threshold 3" }).click();
    await form.getByLabel("Webhook URL").fill("");
    await form.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => form.getByRole("status").first().innerText()).toBe("Alert settings saved.");
    await context.close();
  });

  it("a plain member may not open the alert settings (403); another account's finance member finds nothing there (404)", async () => {
    const member = await b.newPage();
    await signIn(member.page, "member@acme.example");
    expect((await member.page.goto(`/a/${ACME}/billing/alerts`))!.status()).toBe(403);
    await member.context.close();

    const other = await b.newPage();
    await signIn(other.page, "finance@globex.example");
    expect((await other.page.goto(`/a/${ACME}/billing/alerts`))!.status()).toBe(404);
    // Its own: Globex's $50 alert, with the few dollars it has below it.
    await other.page.goto(`/a/${GLOBEX}/billing/alerts`, { waitUntil: "networkidle" });
    expect(await other.page.getByTestId("alert-funds").innerText()).toMatch(/^Available funds \(.+\) are below \$50\.00: owners, admins and finance members get a daily reminder\.$/);
    expect(await other.page.getByTestId("alert-episodes").innerText()).toMatch(/Below \$50\.00 since .+ UTC: 1 of 7 reminders sent/);
    await other.context.close();
  });
});
