import { AxeBuilder } from "@axe-core/playwright";
import type { BrowserContext, Cookie, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACME, hydrated, screenshot, signIn, useBrowser } from "./browser";

const b = useBrowser();

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

/** The pages photographed at 390 and 1440 px for docs/screenshots (mobile-overview.en.png, desktop-overview.en.png, ...). */
const SHOTS: Record<string, string> = {
  overview: `/a/${ACME}/billing`,
  transactions: `/a/${ACME}/billing/transactions`,
  invoices: `/a/${ACME}/billing/invoices`,
  "top-up": `/a/${ACME}/billing/top-up`,
  "staff-account": `/staff/accounts/${ACME}`,
};
/** Pages not in the sidebar, beside every page that is. */
const CUSTOMER_EXTRA = ["billing/top-up", "billing/alerts", "billing/auto-recharge", "billing/team-info", "api-keys", "resources/orders"].map((p) => `/a/${ACME}/${p}`);
const STAFF_EXTRA = [`/staff/accounts/${ACME}`, `/staff/accounts/${ACME}/discounts`, "/staff/invoices"];
/** List pages whose first detail page is measured too. */
const DETAILS: [string, RegExp][] = [
  [`/a/${ACME}/billing/invoices`, /\/billing\/invoices\/(?!export)[^/?#.]+$/],
  [`/a/${ACME}/billing/vouchers`, /\/billing\/vouchers\/(?!export)[^/?#.]+$/],
  [`/a/${ACME}/billing/contracts`, /\/billing\/contracts\/[0-9a-f-]{36}$/],
  [`/a/${ACME}/resources`, /\/resources\/[0-9a-f-]{36}$/],
  ["/staff/vouchers", /\/staff\/vouchers\/(?!export)[^/?#.]+$/],
  ["/staff/contracts", /\/staff\/contracts\/[0-9a-f-]{36}$/],
  ["/staff/invoices", /\/staff\/invoices\/(?!export)[^/?#.]+$/],
];

const LANGUAGES = [
  { locale: "en", openNavigation: "Open navigation", signOut: "Sign out" },
  { locale: "zh-CN", openNavigation: "打开导航", signOut: "退出登录" },
] as const;

// One sign-in per user for the whole file; each language's browser context carries the
// session cookies with its own language cookie (the language is a cookie per request).
let customer: Cookie[] = [];
let staff: Cookie[] = [];
beforeAll(async () => {
  const { context, page } = await b.newPage();
  await signIn(page, "owner@acme.example");
  customer = await context.cookies();
  await context.clearCookies();
  await signIn(page, "staff@billing.example");
  staff = await context.cookies();
  await context.close();
});

async function become(context: BrowserContext, who: Cookie[], locale: string) {
  await context.clearCookies();
  await context.addCookies([...who.filter((c) => c.name !== "NEXT_LOCALE"), { ...who[0]!, name: "NEXT_LOCALE", value: locale, httpOnly: false }]);
}

/** The document's width against the window's, and (when wider) the outermost elements that stick out, with their ancestors' classes. */
function measure(page: Page) {
  return page.evaluate(() => {
    const inner = window.innerWidth;
    const wide = document.documentElement.scrollWidth;
    const out: string[] = [];
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${String(el.className).split(" ").slice(0, 6).join(".")}`;
    if (wide > inner) {
      for (const el of document.querySelectorAll("main *, header *")) {
        const parent = el.parentElement!;
        if (el.getBoundingClientRect().right > inner + 1 && parent.getBoundingClientRect().right <= inner + 1 && getComputedStyle(parent).overflowX === "visible") {
          const chain: string[] = [];
          for (let a: Element | null = el; a && a.tagName !== "MAIN" && chain.length < 5; a = a.parentElement) chain.push(name(a));
          out.push(`${Math.round(el.getBoundingClientRect().right)}: ${chain.join(" < ")}`);
          if (out.length >= 3) break;
        }
      }
    }
    return { wide, inner, out };
  });
}

async function withinViewport(page: Page, testId: string) {
  const el = page.getByTestId(testId);
  await expect.poll(() => el.isVisible()).toBe(true);
  const box = (await el.boundingBox())!;
  return box.x >= 0 && box.x + box.width <= page.viewportSize()!.width;
}

async function links(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

describe.each(LANGUAGES)("the console at every width, in $locale", ({ locale, openNavigation, signOut }) => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await b.newPage({ locale, viewport: PHONE }));
    await become(context, customer, locale);
  });
  afterAll(() => context?.close());

  it("under 1024 px a menu button opens the navigation, keeps focus inside, and Escape closes it; tables scroll keeping their first column; Sign out and the language stay in reach", async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`/a/${ACME}/billing`);
    expect(await page.locator("html").getAttribute("lang")).toBe(locale);
    await hydrated(page, "[data-testid=nav-menu-button]");
    const button = page.getByRole("button", { name: openNavigation, exact: true });
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    expect(await page.getByTestId("sidebar").isVisible()).toBe(false);

    await button.click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await button.getAttribute("aria-expanded")).toBe("true");
    expect(await dialog.getByTestId("sidebar").isVisible()).toBe(true);
    const focusInside = () => dialog.evaluate((d) => d.contains(document.activeElement));
    expect(await focusInside()).toBe(true);
    // Round the drawer's links and its close button, and back: focus never leaves it.
    const stops = await dialog.locator("a, button").count();
    for (let i = 0; i < stops + 2; i++) {
      await page.keyboard.press("Tab");
      expect(await focusInside(), `Tab ${i + 1}`).toBe(true);
    }
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press("Shift+Tab");
      expect(await focusInside(), `Shift+Tab ${i + 1}`).toBe(true);
    }
    const axe = await new AxeBuilder({ page }).include("[role=dialog]").withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    // The window only: the drawer is as tall as the window, not as the page behind it.
    await screenshot(page, `mobile-navigation.${locale}`, { fullPage: false });

    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.getByTestId("sidebar").isVisible()).toBe(false);
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);

    // A link followed in the drawer closes it on the new page.
    await button.click();
    await dialog.getByTestId("nav-transactions").click();
    await page.waitForURL(/\/billing\/transactions$/);
    await expect.poll(() => dialog.count()).toBe(0);

    // The transactions table scrolls in its own box (a named region the keyboard can reach),
    // and its first column stays where it was while the other columns pass under it.
    const box = page.locator("[data-overflow]").filter({ has: page.locator("table") }).first();
    await expect.poll(() => box.count()).toBe(1);
    expect(await box.getAttribute("tabindex")).toBe("0");
    const row = box.locator("tbody tr").first();
    const [firstX, secondX] = [(await row.locator("> *").nth(0).boundingBox())!.x, (await row.locator("> *").nth(1).boundingBox())!.x];
    await box.evaluate((el) => el.scrollBy(120, 0));
    await expect.poll(async () => (await row.locator("> *").nth(1).boundingBox())!.x).toBeLessThan(secondX);
    expect((await row.locator("> *").nth(0).boundingBox())!.x).toBe(firstX);
    const tableAxe = await new AxeBuilder({ page }).include("[data-overflow]").withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(tableAxe.violations.map((v) => v.id)).toEqual([]);

    // The language switch and the account menu's Sign out are on screen at 390 px.
    expect(await withinViewport(page, "language-switch")).toBe(true);
    await hydrated(page, "[data-testid=user-menu]");
    await page.getByTestId("user-menu").click();
    expect(await withinViewport(page, "sign-out")).toBe(true);
    expect(await page.getByTestId("sign-out").innerText()).toBe(signOut);
    await page.keyboard.press("Escape");

    // From 1024 px the navigation is the sidebar and there is no menu button.
    await page.setViewportSize(DESKTOP);
    await expect.poll(() => page.getByTestId("sidebar").isVisible()).toBe(true);
    expect(await button.isVisible()).toBe(false);
  });

  it("no page is wider than the window at 360 and 390 px (the photographed ones at 768 to 1920 px too), and the spend chart follows the width", async () => {
    const failures: string[] = [];
    for (const [who, first, extra] of [
      [customer, `/a/${ACME}/billing`, CUSTOMER_EXTRA],
      [staff, "/staff", STAFF_EXTRA],
    ] as const) {
      await become(context, who, locale);
      await page.setViewportSize(DESKTOP);
      await page.goto(first);
      const paths = new Set([first, ...(await links(page, "[data-testid=sidebar] a")).filter((p) => p !== "/staff" || first === "/staff"), ...extra]);
      for (const [list, detail] of DETAILS) {
        if (!paths.has(list)) continue;
        await page.goto(list);
        const found = (await links(page, "main a")).find((p) => detail.test(p));
        if (found) paths.add(found);
      }
      for (const path of paths) {
        const shot = Object.entries(SHOTS).find(([, p]) => p === path)?.[0];
        // Every page at the two phone widths; the photographed ones at tablet and desktop widths up to 1920 px too.
        const widths = shot ? [1920, DESKTOP.width, 1024, 768, PHONE.width, 360] : [PHONE.width, 360];
        await page.setViewportSize({ width: widths[0]!, height: DESKTOP.height });
        const res = await page.goto(path, { waitUntil: "load" });
        expect(res!.status(), path).toBeLessThan(400);
        for (const width of widths) {
          await page.setViewportSize({ width, height: width > 1000 ? DESKTOP.height : PHONE.height });
          // Charts and tables measure themselves on resize, and draw again on the next frames.
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          const m = await measure(page);
          if (path === SHOTS.overview && (width === 360 || width === DESKTOP.width)) {
            // The spend chart is drawn again to its box's width, not kept at the width it was first drawn.
            const chart = () => page.locator("svg.recharts-surface").first().evaluate((svg) => svg.getBoundingClientRect().width);
            if (width === 360) await expect.poll(chart).toBeLessThan(330);
            else await expect.poll(chart).toBeGreaterThan(800);
          }
          if (m.wide > m.inner) failures.push(`${path} at ${width} px is ${m.wide} px wide: ${m.out.join(" | ")}`);
          if (shot && (width === PHONE.width || width === DESKTOP.width)) {
            await page.waitForLoadState("networkidle");
            await screenshot(page, `${width === PHONE.width ? "mobile" : "desktop"}-${shot}.${locale}`);
            // The phone's first screen of the overview, for the README.
            if (shot === "overview" && width === PHONE.width) await screenshot(page, `mobile-overview-screen.${locale}`, { fullPage: false });
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
