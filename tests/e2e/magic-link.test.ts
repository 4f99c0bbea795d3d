import type { Page } from "playwright-core";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { ACME, useBrowser } from "./browser";

/**
 * The embedded demo shows its local mailbox at /dev/mailbox; on a database server there
 * is no public mailbox, so the test reads the outbox table as the delivery job would.
 */
async function newestEmailTo(page: Page, to: string): Promise<string> {
  const url = inject("databaseUrl");
  if (!url) {
    await page.goto(`/dev/mailbox?to=${to}`);
    await page.getByRole("link", { name: /Your sign-in link/ }).first().click();
    return (await page.getByTestId("email-preview").locator("iframe").getAttribute("srcdoc")) ?? "";
  }
  const sql = postgres(url, { max: 1 });
  try {
    const [row] = await sql<{ html: string }[]>`select html from email_outbox where "to" = ${to} order by created_at desc limit 1`;
    return row?.html ?? "";
  } finally {
    await sql.end();
  }
}

const b = useBrowser();

describe("sign-in link", () => {
  it("arrives in the demo mailbox and signs the user in once", async () => {
    const { context, page } = await b.newPage();
    await page.goto("/sign-in");
    const form = page.locator("form", { has: page.getByRole("button", { name: "Send link" }) });
    await form.getByLabel("Email").fill("owner@acme.example");
    await form.getByRole("button", { name: "Send link" }).click();
    await expect.poll(() => form.getByRole("status").innerText()).toMatch(/sent it a sign-in link/);

    const html = await newestEmailTo(page, "owner@acme.example");
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
