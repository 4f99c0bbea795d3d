import type { Page } from "playwright-core";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { ACME, useBrowser } from "./browser";

/**
 * The sign-in links sent to an address so far, newest first. The embedded demo shows its
 * local mailbox at /dev/mailbox; on a database server there is no public mailbox, so the
 * test reads the outbox table as the delivery job would.
 */
async function signInEmailsTo(page: Page, to: string): Promise<string[]> {
  const url = inject("databaseUrl");
  if (!url) {
    await page.goto(`/dev/mailbox?to=${to}`);
    const links = page.getByRole("link", { name: /Your sign-in link/ });
    const count = await links.count();
    if (count === 0) return [];
    await links.first().click();
    const newest = (await page.getByTestId("email-preview").locator("iframe").getAttribute("srcdoc")) ?? "";
    return [newest, ...Array.from({ length: count - 1 }, () => "")];
  }
  const sql = postgres(url, { max: 1 });
  try {
    const rows = await sql<{ html: string }[]>`select html from email_outbox where "to" = ${to} and template = 'magic-link' order by created_at desc`;
    return rows.map((r) => r.html);
  } finally {
    await sql.end();
  }
}

const b = useBrowser();

describe("sign-in link", () => {
  it("arrives in the demo mailbox and signs the user in once", async () => {
    const { context, page } = await b.newPage();
    const before = (await signInEmailsTo(page, "owner@acme.example")).length;
    await page.goto("/sign-in");
    const form = page.locator("form", { has: page.getByRole("button", { name: "Send link" }) });
    await form.getByLabel("Email").fill("owner@acme.example");
    await form.getByRole("button", { name: "Send link" }).click();
    await expect.poll(() => form.getByRole("status").innerText()).toMatch(/sent it a sign-in link/);

    // The request is only queued; the email delivery tick (every 10 s) sends the link.
    let html = "";
    await expect
      .poll(async () => {
        const emails = await signInEmailsTo(page, "owner@acme.example");
        html = emails[0] ?? "";
        return emails.length;
      }, { timeout: 40_000, interval: 1_000 })
      .toBeGreaterThan(before);
    const href = html.match(/\/sign-in\/link\?token=[A-Za-z0-9_-]+/)?.[0];
    expect(href).toBeTruthy();

    await page.goto(href!);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(new RegExp(`/a/${ACME}/`));

    // Used once: a second visit is refused.
    const again = await b.newPage();
    await again.page.goto(href!);
    await again.page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => again.page.locator("form").getByRole("alert").innerText()).toMatch(/invalid, used or expired/);
    await again.context.close();
    await context.close();
  });
});
