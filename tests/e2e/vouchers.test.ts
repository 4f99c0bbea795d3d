import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ACME, GLOBEX, hydrated, screenshot, sidebarItems, signIn, useBrowser } from "./browser";

const b = useBrowser();

describe("vouchers", () => {
  it("a finance user redeems the demo code on the overview and sees it under available vouchers; wrong and repeated codes are told apart", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "finance@acme.example");
    await page.goto(`/a/${ACME}/billing`, { waitUntil: "networkidle" });
    await hydrated(page, 'form[aria-label="Redeem a voucher"]');
    const balanceBefore = await page.getByTestId("figure-balance").innerText();
    const form = page.getByRole("form", { name: "Redeem a voucher" });
    await form.getByLabel("Voucher code").fill("WRONG-CODE-1234");
    await form.getByRole("button", { name: "Redeem" }).click();
    await expect.poll(() => form.getByRole("alert").innerText()).toBe("This code is not valid. Check it and try again.");

    await form.getByLabel("Voucher code").fill("demo voucher 0050"); // typed loosely: the same code
    await form.getByRole("button", { name: "Redeem" }).click();
    await expect.poll(() => form.getByRole("status").innerText()).toMatch(/^Voucher redeemed: \$50\.00 for all products, valid until .+ UTC\./);
    expect(await form.getByRole("link", { name: "See your vouchers" }).count()).toBe(1);
    // Not part of the balance.
    await page.reload();
    expect(await page.getByTestId("figure-balance").innerText()).toBe(balanceBefore);

    expect(await form.getByRole("link", { name: "See your vouchers" }).count()).toBe(0); // shown with the success only, gone after a reload
    await page.goto(`/a/${ACME}/billing/vouchers`, { waitUntil: "networkidle" });
    const row = page.getByTestId("voucher-row").filter({ hasText: "••••0050" });
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.locator("th, td").allInnerTexts();
    expect(cells.slice(0, 4)).toEqual(["••••0050", "$50.00", "$50.00", "All products"]);
    expect(await page.locator('nav[aria-label="Voucher status"] a[aria-current="page"]').innerText()).toMatch(/^Available \(\d+\)$/);
    await expect.poll(() => page.getByTestId("expiring-soon").innerText()).toMatch(/expires? within 7 days/);
    await screenshot(page, "vouchers.en");

    // The same code again, here on the Vouchers page.
    await hydrated(page, 'form[aria-label="Redeem a voucher"]');
    const again = page.getByRole("form", { name: "Redeem a voucher" });
    await again.getByLabel("Voucher code").fill("DEMO-VOUCHER-0050");
    await again.getByRole("button", { name: "Redeem" }).click();
    await expect.poll(() => again.getByRole("alert").innerText()).toBe("This code has already been redeemed to this account.");

    // The demo's lapsed voucher: nothing left, its remainder gone through the ledger.
    await page.getByRole("link", { name: /^Expired/ }).click();
    await page.waitForURL(/tab=expired$/);
    const expired = page.getByTestId("voucher-row").filter({ hasText: "Load balancer (standard)" });
    await expect.poll(() => expired.count()).toBe(1);
    expect((await expired.locator("td").allInnerTexts()).slice(0, 2)).toEqual(["$20.00", "$0.00"]);

    await page.getByTestId("language-switch").selectOption("zh-CN");
    await expect.poll(() => sidebarItems(page)).toContain("概览");
    await page.goto(`/a/${ACME}/billing/vouchers`, { waitUntil: "networkidle" });
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("代金券");
    expect(await page.getByTestId("voucher-row").filter({ hasText: "••••0050" }).innerText()).toContain("全部产品");
    await screenshot(page, "vouchers.zh-CN");
    await page.getByTestId("language-switch").selectOption("en");
    await expect.poll(() => sidebarItems(page)).toContain("Overview");
    await context.close();

    // Another account cannot have it, and cannot read Acme's vouchers.
    const other = await b.newPage();
    await signIn(other.page, "finance@globex.example");
    await other.page.goto(`/a/${GLOBEX}/billing/vouchers`, { waitUntil: "networkidle" });
    await hydrated(other.page, 'form[aria-label="Redeem a voucher"]');
    const f = other.page.getByRole("form", { name: "Redeem a voucher" });
    await f.getByLabel("Voucher code").fill("DEMO-VOUCHER-0050");
    await f.getByRole("button", { name: "Redeem" }).click();
    await expect.poll(() => f.getByRole("alert").innerText()).toBe("This code has already been redeemed.");
    expect((await other.page.goto(`/a/${ACME}/billing/vouchers`))!.status()).toBe(404);
    await other.context.close();
  });

  it("finance staff issue a batch, download its codes once, a customer redeems one, and staff revoke the rest", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "staff@billing.example");
    expect(await page.getByTestId("nav-staff-vouchers").innerText()).toBe("Vouchers");
    await page.goto("/staff/vouchers", { waitUntil: "networkidle" });
    await hydrated(page, 'form[aria-label="New batch"]');
    const form = page.getByRole("form", { name: "New batch" });
    await form.getByLabel("Number of codes").fill("3");
    await form.getByLabel("Face value (USD)").fill("12.50");
    await form.getByLabel("Valid until").fill("2099-12-31");
    await form.getByLabel("GPU instance A10 (8 vCPU, 1× A10)").check();
    await form.getByLabel("Note").fill("e2e: GPU trial");
    await form.getByRole("button", { name: "Create batch" }).click();
    await expect.poll(() => form.getByRole("status").innerText()).toContain("Batch created with 3 codes.");
    await form.getByRole("link", { name: "Open the batch" }).click();
    await page.waitForURL(/\/staff\/vouchers\/[0-9a-f-]{36}$/);
    await page.waitForLoadState("networkidle");
    const batchUrl = page.url();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download codes (CSV)" }).click()]);
    const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "").trim().split(/\r\n/);
    expect(csv[0]).toBe("code,face_value_usd,products,valid_from,valid_until,batch");
    const codes = csv.slice(1).map((l) => l.split(",")[0]!);
    expect(codes).toHaveLength(3);
    for (const c of codes) expect(c).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(csv[1]).toContain(",12.50,gpu.a10.xlarge,");
    // Once only.
    expect((await page.request.get(`${batchUrl}/codes`)).status()).toBe(410);
    await page.reload();
    expect(await page.getByRole("link", { name: "Download codes (CSV)" }).count()).toBe(0);

    const customer = await b.newPage();
    await signIn(customer.page, "finance@globex.example");
    await customer.page.goto(`/a/${GLOBEX}/billing/vouchers`, { waitUntil: "networkidle" });
    await hydrated(customer.page, 'form[aria-label="Redeem a voucher"]');
    const redeem = customer.page.getByRole("form", { name: "Redeem a voucher" });
    await redeem.getByLabel("Voucher code").fill(codes[0]!);
    await redeem.getByRole("button", { name: "Redeem" }).click();
    await expect.poll(() => redeem.getByRole("status").innerText()).toContain("$12.50 for GPU instance A10");

    await page.reload({ waitUntil: "networkidle" });
    const redeemedRow = page.getByTestId("batch-code-row").filter({ hasText: codes[0]!.slice(-4) });
    expect(await redeemedRow.innerText()).toContain("Globex Research");
    await screenshot(page, "staff-vouchers.en");
    await hydrated(page, '[data-testid="batch-codes"] button');
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Revoke unused codes (2)" }).click();
    // The confirmation message goes with the button once no code is left to revoke: the rows tell.
    await expect.poll(() => page.getByTestId("batch-code-row").filter({ hasText: "Revoked" }).count()).toBe(2);

    await redeem.getByLabel("Voucher code").fill(codes[1]!);
    await redeem.getByRole("button", { name: "Redeem" }).click();
    await expect.poll(() => redeem.getByRole("alert").innerText()).toBe("This code has been withdrawn and can no longer be redeemed.");
    await customer.context.close();

    await page.getByTestId("language-switch").selectOption("zh-CN");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("e2e: GPU trial");
    await expect.poll(() => page.getByTestId("batch-codes").innerText()).toContain("已兑换");
    await screenshot(page, "staff-vouchers.zh-CN");
    await page.getByTestId("language-switch").selectOption("en");
    await expect.poll(() => page.getByTestId("batch-codes").innerText()).toContain("Redeemed");
    await context.close();
  });

  it("support staff see batches read-only and cannot download codes; a plain member cannot reach vouchers", async () => {
    const { context, page } = await b.newPage();
    await signIn(page, "support@billing.example");
    await page.goto("/staff/vouchers", { waitUntil: "networkidle" });
    expect(await page.getByRole("form", { name: "New batch" }).count()).toBe(0);
    expect(await page.getByText("only finance staff create or revoke them").count()).toBe(1);
    await page.getByTestId("voucher-batch-row").filter({ hasText: "Partner campaign" }).getByRole("link").click();
    await page.waitForURL(/\/staff\/vouchers\/[0-9a-f-]{36}$/);
    expect(await page.getByRole("link", { name: "Download codes (CSV)" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Revoke/ }).count()).toBe(0);
    expect((await page.request.get(`${page.url()}/codes`)).status()).toBe(403);
    await context.close();

    const member = await b.newPage();
    await signIn(member.page, "member@acme.example");
    expect((await member.page.goto(`/a/${ACME}/billing/vouchers`))!.status()).toBe(403);
    expect((await member.page.goto("/staff/vouchers"))!.status()).toBe(403);
    await member.context.close();
  });
});
