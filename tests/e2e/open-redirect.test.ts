import type { Page, Request } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ACME, DEMO_PASSWORD, useBrowser } from "./browser";

const b = useBrowser();

async function signInThrough(page: Page, callbackUrl: string) {
  await page.goto(`/sign-in?callbackUrl=${callbackUrl}`);
  const form = page.locator("form").first();
  await form.getByLabel("Email").fill("owner@acme.example");
  await form.getByLabel("Password").fill(DEMO_PASSWORD);
  await form.getByRole("button", { name: "Sign in" }).click();
  // Wherever the sign-in sends the browser: off the sign-in page, on this site or not.
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in") || !u.href.startsWith(b.baseUrl()), { timeout: 30_000 });
}

describe("the callback after sign-in", () => {
  it("a tab after the first slash does not send the browser to another site", async () => {
    const { context, page } = await b.newPage();
    const offSite: string[] = [];
    context.on("request", (r: Request) => {
      if (/evil\.example/.test(new URL(r.url()).host)) offSite.push(r.url());
    });
    await signInThrough(page, "%2F%09%2Fevil.example%2Fphish");
    // "/" sends a signed-in customer on to their account.
    await page.waitForURL(new RegExp(`/a/${ACME}/`));
    expect(new URL(page.url()).origin).toBe(new URL(b.baseUrl()).origin);
    expect(offSite).toEqual([]);
    await context.close();
  });

  it("a page of this site is still where the sign-in lands", async () => {
    const { context, page } = await b.newPage();
    await signInThrough(page, encodeURIComponent(`/a/${ACME}/billing/invoices?page=1`));
    await page.waitForURL((u) => u.pathname === `/a/${ACME}/billing/invoices`);
    expect(new URL(page.url()).search).toBe("?page=1");
    await context.close();
  });
});
