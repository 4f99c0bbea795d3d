import { readFileSync } from "node:fs";
import type { Locator } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ACME, GLOBEX, hydrated, screenshot, sidebarItems, useBrowser } from "./browser";

const b = useBrowser();

/**
 * "Review" without a reason, or with one hiding a text-direction control, stays on the step
 * and says why; with a plain one it goes on to the confirmation.
 */
async function reviewWithReason(step: Locator, reason: string) {
  await step.getByRole("button", { name: "Review" }).click();
  await expect.poll(() => step.getByText("Say why (3 to 500 characters).").count()).toBe(1);
  await step.getByLabel("Reason (recorded in the audit log)").fill(`${reason}\u202e`);
  await step.getByRole("button", { name: "Review" }).click();
  await expect.poll(() => step.getByText(/^Remove the hidden text-direction characters/).count()).toBe(1);
  await step.getByLabel("Reason (recorded in the audit log)").fill(reason);
  await step.getByRole("button", { name: "Review" }).click();
}

describe("vouchers", () => {
  it("a finance user redeems the demo code on the overview and sees it under available vouchers; wrong and repeated codes are told apart", async () => {
    const { context, page } = await b.signedIn("finance@acme.example", `/a/${ACME}/billing`);
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
    const other = await b.signedIn("finance@globex.example");
    await other.page.goto(`/a/${GLOBEX}/billing/vouchers`, { waitUntil: "networkidle" });
    await hydrated(other.page, 'form[aria-label="Redeem a voucher"]');
    const f = other.page.getByRole("form", { name: "Redeem a voucher" });
    await f.getByLabel("Voucher code").fill("DEMO-VOUCHER-0050");
    await f.getByRole("button", { name: "Redeem" }).click();
    await expect.poll(() => f.getByRole("alert").innerText()).toBe("This code has already been redeemed.");
    expect((await other.page.goto(`/a/${ACME}/billing/vouchers`))!.status()).toBe(404);
    await other.context.close();
  });

  it("finance staff issue a batch through a confirmation, download its codes once, a customer redeems one, and staff revoke the rest with a reason", async () => {
    const { context, page } = await b.signedIn("staff@billing.example");
    expect(await page.getByTestId("nav-staff-vouchers").innerText()).toBe("Vouchers");
    await page.goto("/staff/vouchers", { waitUntil: "networkidle" });
    await hydrated(page, 'form[aria-label="New batch"]');
    const batchesBefore = await page.getByTestId("voucher-batch-row").count();
    const form = page.getByRole("form", { name: "New batch" });
    await form.getByLabel("Number of codes").fill("3");
    await form.getByLabel("Face value (USD)").fill("12.50");
    await form.getByLabel("Valid from").fill("2099-01-01");
    await form.getByLabel("Valid until").fill("2099-12-31");
    await form.getByLabel("GPU instance A10 (8 vCPU, 1× A10)").check();
    await form.getByLabel("Note").fill("e2e: GPU trial");
    await reviewWithReason(form, "GPU partner trial");

    // The confirmation says what will be issued; nothing is written yet, and Edit keeps what was typed.
    const confirm = page.getByTestId("voucher-batch-confirm");
    await expect.poll(() => confirm.count()).toBe(1);
    expect(await page.getByTestId("voucher-batch-effect").locator("li").allInnerTexts()).toEqual([
      "3 codes × $12.50 = $37.50 face value that may be redeemed",
      "Valid from Jan 1, 2099 through Dec 31, 2099, whole days in UTC: the codes stop working at Jan 1, 2100, 00:00 UTC",
      "For GPU instance A10 (8 vCPU, 1× A10)",
      "The codes can be downloaded once, as a CSV, from the batch page; only their hashes are kept",
      "Note: e2e: GPU trial",
    ]);
    expect(await page.getByTestId("voucher-batch-reason").innerText()).toBe("GPU partner trial");
    await screenshot(page, "staff-voucher-batch-confirm.en");
    await confirm.getByRole("button", { name: "Edit" }).click();
    await expect.poll(() => form.getByLabel("Number of codes").inputValue()).toBe("3");
    expect(await form.getByLabel("Face value (USD)").inputValue()).toBe("12.50");
    expect(await form.getByLabel("Valid until").inputValue()).toBe("2099-12-31");
    expect(await form.getByLabel("GPU instance A10 (8 vCPU, 1× A10)").isChecked()).toBe(true);
    expect(await form.getByLabel("Reason (recorded in the audit log)").inputValue()).toBe("GPU partner trial");
    await page.reload({ waitUntil: "networkidle" });
    expect(await page.getByTestId("voucher-batch-row").count()).toBe(batchesBefore);

    await hydrated(page, 'form[aria-label="New batch"]');
    await form.getByLabel("Number of codes").fill("3");
    await form.getByLabel("Face value (USD)").fill("12.50");
    await form.getByLabel("Valid until").fill("2099-12-31");
    await form.getByLabel("GPU instance A10 (8 vCPU, 1× A10)").check();
    await form.getByLabel("Note").fill("e2e: GPU trial");
    await form.getByLabel("Reason (recorded in the audit log)").fill("GPU partner trial");
    await form.getByRole("button", { name: "Review" }).click();
    // A double click on Confirm issues one batch.
    await page.getByTestId("voucher-batch-submit").dblclick();
    await expect.poll(() => form.getByRole("status").innerText()).toContain("Batch created with 3 codes.");
    const openBatch = await form.getByRole("link", { name: "Open the batch" }).getAttribute("href");
    await page.reload({ waitUntil: "networkidle" });
    expect(await page.getByTestId("voucher-batch-row").count()).toBe(batchesBefore + 1);
    expect(await page.getByTestId("voucher-batch-row").filter({ hasText: "e2e: GPU trial" }).count()).toBe(1);
    await page.goto(openBatch!, { waitUntil: "networkidle" });
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

    const customer = await b.signedIn("finance@globex.example");
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

    // Revoke: a reason, then a confirmation of how many codes and their value; Edit keeps the reason.
    await hydrated(page, '[data-testid="batch-codes"] button');
    await page.getByRole("button", { name: "Revoke unused codes (2)" }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke the unused codes of “e2e: GPU trial”" });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.innerText()).toContain("2 unused codes, $25.00 face value.");
    await reviewWithReason(dialog, "Trial over");
    expect(await page.getByTestId("revoke-batch-effect").locator("li").allInnerTexts()).toEqual([
      "2 unused codes revoked: $25.00 face value in all",
      "Redeemed vouchers are not taken back: the 1 redeemed voucher stays with its account",
      "A revoked code can no longer be redeemed; this cannot be undone",
    ]);
    expect(await page.getByTestId("revoke-batch-reason").innerText()).toBe("Trial over");
    await screenshot(page, "staff-voucher-revoke-confirm.en");
    await dialog.getByRole("button", { name: "Edit" }).click();
    expect(await dialog.getByLabel("Reason (recorded in the audit log)").inputValue()).toBe("Trial over");
    await dialog.getByRole("button", { name: "Review" }).click();
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect.poll(() => page.getByTestId("revoke-batch-result").innerText()).toBe("2 codes revoked, $25.00 face value in all.");
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect.poll(() => page.getByTestId("batch-code-row").filter({ hasText: "Revoked" }).count()).toBe(2);
    expect(await page.getByRole("button", { name: /^Revoke/ }).count()).toBe(0);

    await redeem.getByLabel("Voucher code").fill(codes[1]!);
    await redeem.getByRole("button", { name: "Redeem" }).click();
    await expect.poll(() => redeem.getByRole("alert").innerText()).toBe("This code has been withdrawn and can no longer be redeemed.");
    await customer.context.close();

    // The audit log has the one batch (double click and all) and the one revoke, each with its reason.
    await page.goto("/staff/audit?action=voucher.batch_created", { waitUntil: "networkidle" });
    expect(await page.getByTestId("audit-row").filter({ hasText: "GPU partner trial" }).count()).toBe(1);
    await page.goto("/staff/audit?action=voucher.revoked", { waitUntil: "networkidle" });
    expect(await page.getByTestId("audit-row").filter({ hasText: "Trial over" }).count()).toBe(1);

    await page.goto(batchUrl, { waitUntil: "networkidle" });
    await page.getByTestId("language-switch").selectOption("zh-CN");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("e2e: GPU trial");
    await expect.poll(() => page.getByTestId("batch-codes").innerText()).toContain("已兑换");
    await screenshot(page, "staff-vouchers.zh-CN");
    await page.getByTestId("language-switch").selectOption("en");
    await expect.poll(() => page.getByTestId("batch-codes").innerText()).toContain("Redeemed");
    await context.close();
  });

  it("revoking one code shows that code and its value in the confirmation (in 简体中文 too), and withdraws that code only", async () => {
    const { context, page } = await b.signedIn("staff@billing.example", "/staff/vouchers");
    // A batch of this test's own: the demo's batches are read by other tests.
    await hydrated(page, 'form[aria-label="New batch"]');
    const form = page.getByRole("form", { name: "New batch" });
    await form.getByLabel("Number of codes").fill("2");
    await form.getByLabel("Face value (USD)").fill("40");
    await form.getByLabel("Valid until").fill("2099-06-30");
    await form.getByLabel("Note").fill("e2e: one code");
    await form.getByLabel("Reason (recorded in the audit log)").fill("Single-code revoke test");
    await form.getByRole("button", { name: "Review" }).click();
    expect(await page.getByTestId("voucher-batch-effect").locator("li").first().innerText()).toBe("2 codes × $40.00 = $80.00 face value that may be redeemed");
    expect(await page.getByTestId("voucher-batch-effect").innerText()).toContain("For every product");
    await page.getByTestId("voucher-batch-submit").click();
    await form.getByRole("link", { name: "Open the batch" }).click();
    await page.waitForURL(/\/staff\/vouchers\/[0-9a-f-]{36}$/);
    await page.waitForLoadState("networkidle");

    await page.getByTestId("language-switch").selectOption("zh-CN");
    await expect.poll(() => page.getByRole("button", { name: /^作废 ••••/ }).count()).toBe(2);
    await hydrated(page, '[data-testid="batch-codes"] button');
    const one = page.getByRole("button", { name: /^作废 ••••/ }).first();
    const hint = (await one.innerText()).slice(-4);
    await one.click();
    const dialog = page.getByRole("dialog", { name: `作废兑换码 ••••${hint}` });
    await dialog.getByLabel("原因（记入审计日志）").fill("兑换码泄露");
    await dialog.getByRole("button", { name: "检查变更" }).click();
    expect(await page.getByTestId("revoke-code-effect").locator("li").first().innerText()).toBe("作废 1 个未使用的兑换码：面额共计 US$40.00");
    expect(await page.getByTestId("revoke-code-confirm").innerText()).toContain(`批次“e2e: one code”中的兑换码 ••••${hint} 将被作废。`);
    await screenshot(page, "staff-voucher-revoke-confirm.zh-CN");
    await dialog.getByRole("button", { name: "确认" }).click();
    await expect.poll(() => page.getByTestId("revoke-code-result").innerText()).toBe("已作废 1 个兑换码，面额共计 US$40.00。");
    await dialog.getByRole("button", { name: "关闭" }).click();
    // The row's own state cell (the open dialog sits inside the row, and its result says 已作废 too).
    const state = page.getByTestId("batch-code-row").filter({ hasText: `••••${hint}` }).getByTestId("batch-code-state");
    await expect.poll(() => state.innerText()).toBe("已作废");
    expect((await page.getByTestId("batch-code-state").allInnerTexts()).sort()).toEqual(["已作废", "未使用"].sort());
    expect(await page.getByRole("button", { name: "作废未使用的兑换码（1）" }).count()).toBe(1);
    await page.getByTestId("language-switch").selectOption("en");
    await expect.poll(() => page.getByTestId("batch-codes").innerText()).toContain("Revoked");
    await context.close();
  });

  it("support staff see batches read-only and cannot download codes; a plain member cannot reach vouchers", async () => {
    const { context, page } = await b.signedIn("support@billing.example", "/staff/vouchers");
    expect(await page.getByRole("form", { name: "New batch" }).count()).toBe(0);
    expect(await page.getByText("only finance staff create or revoke them").count()).toBe(1);
    await page.getByTestId("voucher-batch-row").filter({ hasText: "Partner campaign" }).getByRole("link").click();
    await page.waitForURL(/\/staff\/vouchers\/[0-9a-f-]{36}$/);
    expect(await page.getByRole("link", { name: "Download codes (CSV)" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Revoke/ }).count()).toBe(0);
    expect((await page.request.get(`${page.url()}/codes`)).status()).toBe(403);
    await context.close();

    const member = await b.signedIn("member@acme.example");
    expect((await member.page.goto(`/a/${ACME}/billing/vouchers`))!.status()).toBe(403);
    expect((await member.page.goto("/staff/vouchers"))!.status()).toBe(403);
    await member.context.close();
  });
});
