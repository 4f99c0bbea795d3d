import { describe, expect, it } from "vitest";
import { ACME, useBrowser } from "./browser";

const b = useBrowser();

describe("sign-in link", () => {
  it("arrives in the demo mailbox and signs the user in once", async () => {
    const { context, page } = await b.newPage();
    await page.goto("/sign-in");
    const form = page.locator("form", { has: page.getByRole("button", { name: "Send link" }) });
    await form.getByLabel("Email").fill("owner@acme.example");
    await form.getByRole("button", { name: "Send link" }).click();
    await expect.poll(() => form.getByRole("status").innerText()).toMatch(/sent it a sign-in link/);

    // The embedded demo keeps email in its local mailbox: open the newest one to the user.
    await page.goto("/dev/mailbox?to=owner@acme.example");
    await page.getByRole("link", { name: /Your sign-in link/ }).first().click();
    const srcdoc = await page.getByTestId("email-preview").locator("iframe").getAttribute("srcdoc");
    const href = srcdoc!.match(/\/sign-in\/link\?token=[A-Za-z0-9_-]+/)?.[0];
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
