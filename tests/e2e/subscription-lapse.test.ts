import { AxeBuilder } from "@axe-core/playwright";
import postgres from "postgres";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { ACME, hydrated, screenshot, useBrowser } from "./browser";

/**
 * A subscription stopped at its expiry (what the subscriptions job does, tests/integration/
 * subscription-lapse.test.ts) shows its release time on the resources list and its page, and
 * an admin renews it from the page, in English and 简体中文. The stopped subscriptions are
 * written straight into the app's database, which only a PostgreSQL run can reach (on PGlite
 * the server holds the database alone).
 */
const b = useBrowser();
const url = inject("databaseUrl");
const H = 3_600_000;

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe.skipIf(!url)("a subscription stopped at expiry", () => {
  it("shows when it will be released and is renewed from its page, in English and 简体中文; axe finds nothing", { timeout: 240_000 }, async () => {
    const sql = postgres(url!, { max: 1, onnotice: () => {} });
    const tag = crypto.randomUUID().slice(0, 6);
    // Stopped two hours ago at its expiry: released 70 hours from now unless renewed.
    const stoppedAt = new Date(Math.floor((Date.now() - 2 * H) / 60_000) * 60_000);
    const releaseAt = new Date(stoppedAt.getTime() + 72 * H);
    const lapsed = async (name: string) => {
      const [row] = await sql<{ id: string }[]>`
        insert into resources (account_id, product_id, name, quantity, status, billing_mode, unit_price, started_at, billed_until, term_months, expires_at, auto_renew, request_key, stopped_at, stopped_reason)
        values (${ACME}, 'ecs.g7.large.sub', ${name}, 1, 'stopped', 'subscription', 62000000, ${new Date(stoppedAt.getTime() - 30 * 24 * H)}, ${stoppedAt}, 1, ${stoppedAt}, false, ${`e2e:${name}`}, ${stoppedAt}, 'expiry')
        returning id`;
      return row!.id;
    };
    const status = async (id: string) => (await sql<{ status: string; expires_at: Date }[]>`select status, expires_at from resources where id = ${id}`)[0]!;
    try {
      const en = await lapsed(`lapsed-en-${tag}`);
      const zh = await lapsed(`lapsed-zh-${tag}`);
      const { context, page } = await b.signedIn("admin@acme.example", `/a/${ACME}/resources`);

      // The list: stopped (not renewed), the release time, a Renew link to its page.
      const row = page.getByTestId("resource-row").filter({ hasText: `lapsed-en-${tag}` });
      expect(await row.getByText("Stopped (not renewed)").count()).toBe(1);
      expect(await row.getByTestId("release-at").innerText()).toContain("Released on");
      expect(await row.getByTestId("release-at").locator("time").getAttribute("datetime")).toBe(releaseAt.toISOString());
      await row.getByRole("link", { name: `Renew lapsed-en-${tag}` }).click();
      await page.waitForURL(`**/resources/${en}`);
      await hydrated(page, "[data-testid=stopped-subscription] button");

      // The page: the release time, the price of one more term, Renew.
      const card = page.getByTestId("stopped-subscription");
      const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(releaseAt);
      expect(await card.getByTestId("release-at").innerText()).toContain(`It will be released on ${when} UTC unless it is renewed`);
      expect(await card.innerText()).toContain("counted from the old expiry");
      expect(await page.getByTestId("resource-details").innerText()).toContain("Stopped (not renewed)");
      expect(await axe(page)).toEqual([]);
      await screenshot(page, "subscription-stopped-en");
      const renew = card.getByRole("button", { name: new RegExp(`^Renew lapsed-en-${tag} for \\$[\\d,]+\\.\\d{2}$`) });
      await renew.click();
      await expect.poll(() => page.getByTestId("resource-details").innerText(), { timeout: 20_000 }).toContain("Running");
      expect(await card.count()).toBe(0);
      // One more month, counted from the old expiry.
      const renewed = await status(en);
      expect(renewed.status).toBe("running");
      expect((renewed.expires_at.getTime() - stoppedAt.getTime()) / (24 * H)).toBeGreaterThanOrEqual(28);
      expect((renewed.expires_at.getTime() - stoppedAt.getTime()) / (24 * H)).toBeLessThanOrEqual(31);

      // 简体中文: the same on the other one.
      await page.goto(`/a/${ACME}/resources`);
      await hydrated(page, "[data-testid=language-switch]");
      await page.getByTestId("language-switch").selectOption("zh-CN");
      await page.waitForFunction(() => document.documentElement.lang === "zh-CN", undefined, { timeout: 20_000 });
      const zhRow = page.getByTestId("resource-row").filter({ hasText: `lapsed-zh-${tag}` });
      await expect.poll(() => zhRow.getByText("已停止（未续费）").count()).toBe(1);
      expect(await zhRow.getByTestId("release-at").innerText()).toContain("释放时间");
      expect(await axe(page)).toEqual([]);
      await zhRow.getByRole("link", { name: `续费 lapsed-zh-${tag}` }).click();
      await page.waitForURL(`**/resources/${zh}`);
      await hydrated(page, "[data-testid=stopped-subscription] button");
      const zhWhen = new Intl.DateTimeFormat("zh-CN", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(releaseAt);
      expect(await card.getByTestId("release-at").innerText()).toContain(`将于 ${zhWhen}（UTC）释放`);
      expect(await axe(page)).toEqual([]);
      await screenshot(page, "subscription-stopped-zh");
      await card.getByRole("button", { name: new RegExp(`^续费 lapsed-zh-${tag}，`) }).click();
      await expect.poll(() => page.getByTestId("resource-details").innerText(), { timeout: 20_000 }).toContain("运行中");
      expect((await status(zh)).status).toBe("running");

      await page.getByTestId("language-switch").selectOption("en");
      await page.waitForFunction(() => document.documentElement.lang === "en", undefined, { timeout: 20_000 });
      await context.close();
    } finally {
      await sql.end();
    }
  });
});
