import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ACME, GLOBEX, hydrated, screenshot, signIn, useBrowser } from "./browser";
import { pdfScreenshot, pdfText } from "./pdf";

const b = useBrowser();

let contractUrl = "";

describe("contracts", () => {
  it("a finance user creates an order form, staff countersign, the customer signs, and the signed PDF downloads with the hash the page shows", async () => {
    const customer = await b.newPage();
    const { page } = customer;
    await signIn(page, "finance@acme.example");
    // The overview's block lists the demo contracts and leads to the list.
    await page.goto(`/a/${ACME}/billing`);
    await expect.poll(() => page.getByTestId("contracts-summary").locator("li").count()).toBeGreaterThan(0);
    await page.getByTestId("contracts-view-details").click();
    await page.waitForURL(/\/billing\/contracts$/);
    await page.getByTestId("new-contract").click();
    await page.waitForURL(/\/contracts\/new$/, { waitUntil: "networkidle" });
    await hydrated(page, "[data-testid=save-contract]");

    // Bad input first: nothing is created, the fields say why.
    await page.getByLabel("Product 1", { exact: true }).selectOption("gpu.a10.xlarge");
    await page.getByLabel("Quantity 1", { exact: true }).fill("0");
    await page.getByLabel("Committed monthly spend (USD)").fill("lots");
    await page.getByTestId("save-contract").click();
    await expect.poll(() => page.getByText("Enter a whole quantity of at least 1.").count()).toBe(1);
    await expect.poll(() => page.getByText("Enter an amount in digits, like 1000 or 12.50.").count()).toBe(1);
    expect(page.url()).toMatch(/\/contracts\/new$/);
    // What was typed is still there.
    expect(await page.getByLabel("Product 1", { exact: true }).inputValue()).toBe("gpu.a10.xlarge");

    await page.getByLabel("Quantity 1", { exact: true }).fill("3");
    await page.getByLabel("Product 2", { exact: true }).selectOption("oss.standard.gb");
    await page.getByLabel("Quantity 2", { exact: true }).fill("5000");
    await page.getByLabel("Committed monthly spend (USD)").fill("4200");
    await page.getByLabel("Discount (%)").fill("6.5");
    await page.getByTestId("save-contract").click();
    await page.waitForURL(/\/contracts\/[0-9a-f-]{36}\?done=saved$/, { waitUntil: "networkidle" });
    contractUrl = page.url().replace(/\?.*$/, "");
    const heading = await page.getByRole("heading", { level: 1 }).innerText();
    const number = /CT\d{6}/.exec(heading)![0];
    expect(await page.getByTestId("contract-status").first().getAttribute("data-status")).toBe("draft");
    expect(await page.getByTestId("term-committed").innerText()).toBe("$4,200.00");

    // The draft's PDF is watermarked.
    const draftPdf = await page.request.get(`${contractUrl}/pdf`);
    expect(draftPdf.status()).toBe(200);
    expect(await pdfText(await draftPdf.body())).toContain("DRAFT");

    await hydrated(page, "[data-testid=submit-contract]");
    await page.getByTestId("submit-contract").click();
    await expect.poll(() => page.getByTestId("contract-status").first().getAttribute("data-status")).toBe("submitted");
    await expect.poll(() => page.getByTestId("edit-contract").count()).toBe(0);

    // Finance staff find it in their queue and countersign.
    const staff = await b.signedIn("staff@billing.example");
    await staff.page.goto("/staff/contracts?status=submitted");
    await staff.page.getByTestId("contract-row").filter({ hasText: number }).getByRole("link", { name: number, exact: true }).click();
    await staff.page.waitForURL(/\/staff\/contracts\/[0-9a-f-]{36}$/);
    const staffUrl = staff.page.url();
    await hydrated(staff.page, "[data-testid=countersign-review]");
    await screenshot(staff.page, "staff-contract-countersign.en");
    // A reason is required: without one there is no confirmation.
    await staff.page.getByLabel("Your title").fill("Finance Manager");
    await staff.page.getByTestId("countersign-review").click();
    await expect.poll(() => staff.page.getByTestId("countersign-form").innerText()).toContain("Say why (3 to 500 characters).");
    expect(await staff.page.getByTestId("countersign-confirm").count()).toBe(0);
    // Nor with a hidden text-direction character, which would make the audit log read otherwise than typed.
    await staff.page.getByLabel("Reason (recorded in the audit log)").fill("Terms checked\u202e321 tekcit");
    await staff.page.getByTestId("countersign-review").click();
    await expect.poll(() => staff.page.getByTestId("countersign-form").innerText()).toContain("Remove the hidden text-direction characters");
    expect(await staff.page.getByTestId("countersign-confirm").count()).toBe(0);
    const reason = "Terms checked against the order form, approved by legal ticket 123";
    await staff.page.getByLabel("Reason (recorded in the audit log)").fill(reason);
    await staff.page.getByTestId("countersign-review").click();
    // The confirmation says what Confirm will do, and nothing is written yet.
    const effect = staff.page.getByTestId("countersign-effect");
    await expect.poll(() => effect.count()).toBe(1);
    const lines = await effect.locator("li").allInnerTexts();
    expect(lines[0]).toBe("Status: Submitted → Countersigned");
    expect(lines.join("\n")).toContain("Committed monthly spend: $4,200.00");
    expect(lines.join("\n")).toContain("You sign for Billing Center as Sam Staff, Finance Manager.");
    expect(lines.join("\n")).toContain("When the customer signs: Countersigned → Signed, and the signed PDF is generated and stored with its SHA-256 hash.");
    expect(await staff.page.getByTestId("countersign-confirm").innerText()).toContain(`Order form ${number} of Acme`);
    expect(await staff.page.getByTestId("countersign-reason").innerText()).toBe(reason);
    await screenshot(staff.page, "staff-contract-countersign-confirm.en");
    expect(await (await staff.page.request.get(staffUrl)).text()).toContain('data-status="submitted"');
    // Edit goes back to the form with both values kept.
    await staff.page.getByTestId("countersign-confirm").getByRole("button", { name: "Edit" }).click();
    expect(await staff.page.getByLabel("Your title").inputValue()).toBe("Finance Manager");
    expect(await staff.page.getByLabel("Reason (recorded in the audit log)").inputValue()).toBe(reason);
    await staff.page.getByTestId("countersign-review").click();
    await staff.page.getByTestId("countersign-submit").click();
    await expect.poll(() => staff.page.getByTestId("contract-status").first().getAttribute("data-status")).toBe("countersigned");
    expect(await staff.page.getByTestId("staff-contract-done").innerText()).toBe("Countersigned. The customer has been notified.");
    // The reason is for the audit log, not the customer's timeline.
    expect(await staff.page.getByTestId("contract-view").innerText()).not.toContain("legal ticket 123");
    await staff.context.close();

    // The customer signs: typed name, title, consent.
    await page.reload({ waitUntil: "networkidle" });
    await hydrated(page, "[data-testid=sign-contract]");
    await page.getByLabel("Title", { exact: true }).fill("Head of Finance");
    await page.getByTestId("sign-contract").click();
    await expect.poll(() => page.getByText("Tick the box to agree to sign electronically.").count()).toBe(1);
    expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe("Head of Finance");
    expect(await page.getByTestId("contract-status").first().getAttribute("data-status")).toBe("countersigned");
    await page.getByTestId("sign-form").getByRole("checkbox").check();
    await page.getByTestId("sign-contract").click();
    await expect.poll(() => page.getByTestId("contract-hash").count()).toBe(1);
    // Starts today: signed and in force.
    expect(await page.getByTestId("contract-status").first().getAttribute("data-status")).toBe("active");
    const hash = (await page.getByTestId("contract-hash").innerText()).trim();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const actions = await page.getByTestId("timeline-event").evaluateAll((els) => els.map((e) => e.getAttribute("data-action")));
    expect(actions).toEqual(["create", "submit", "countersign", "sign", "activate"]);
    await screenshot(page, "contract.en");

    const first = await (await page.request.get(`${contractUrl}/pdf`)).body();
    const again = await (await page.request.get(`${contractUrl}/pdf`)).body();
    expect(again.equals(first)).toBe(true);
    expect(createHash("sha256").update(first).digest("hex")).toBe(hash);
    const text = await pdfText(first);
    for (const s of [number, "Order form", "Acme", "GPU instance A10", "$4,200.00", "6.5%", "Sam Staff", "Finance Manager", "Head of Finance"]) expect(text).toContain(s);
    expect(text).not.toContain("DRAFT");
    pdfScreenshot(first, "contract-pdf.en");

    // The copy in 简体中文 names the original's hash.
    const copy = await (await page.request.get(`${contractUrl}/pdf?copy=zh-CN`)).body();
    const flat = (await pdfText(copy)).replace(/\s+/g, "");
    expect(flat).toContain("订单");
    expect(flat).toContain(hash);
    pdfScreenshot(copy, "contract-pdf.zh-CN");
    await customer.context.close();
  });

  it("in 简体中文: the list with its filter and the contract page", async () => {
    const { context, page } = await b.newPage({ locale: "zh-CN" });
    await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: b.baseUrl() }]);
    await signIn(page, "finance@acme.example");
    await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: b.baseUrl() }]);
    await page.goto(`/a/${ACME}/billing/contracts?status=active`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("合同");
    const rows = page.getByTestId("contract-row");
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(new Set(await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-status"))))).toEqual(new Set(["active"]));
    await screenshot(page, "contracts.zh-CN");
    await page.goto(contractUrl);
    await expect.poll(() => page.getByTestId("contract-view").innerText()).toContain("时间线");
    await screenshot(page, "contract.zh-CN");
    await context.close();
  });

  it("a plain member and another account get not found, the PDF included; support staff read without acting", async () => {
    const member = await b.signedIn("member@acme.example");
    expect((await member.page.goto(`/a/${ACME}/billing/contracts`))!.status()).toBe(404);
    expect((await member.page.goto(contractUrl))!.status()).toBe(404);
    expect((await member.page.request.get(`${contractUrl}/pdf`)).status()).toBe(404);
    await member.context.close();

    const other = await b.signedIn("finance@globex.example");
    expect((await other.page.goto(contractUrl))!.status()).toBe(404);
    expect((await other.page.request.get(`${contractUrl}/pdf`)).status()).toBe(404);
    expect((await other.page.request.get(`${contractUrl.replace(ACME, GLOBEX)}/pdf`)).status()).toBe(404);
    await other.context.close();

    const support = await b.signedIn("support@billing.example");
    const id = contractUrl.split("/").at(-1);
    await support.page.goto(`/staff/contracts/${id}`);
    await expect.poll(() => support.page.getByTestId("contract-view").count()).toBe(1);
    expect(await support.page.getByTestId("terminate-review").count()).toBe(0);
    expect((await support.page.request.get(`/staff/contracts/${id}/pdf`)).status()).toBe(200);
    await support.context.close();

    // Finance staff end this test's own contract: the reason, then what ends and from when.
    const staff = await b.signedIn("staff@billing.example");
    await staff.page.goto(`/staff/contracts/${id}`);
    await hydrated(staff.page, "[data-testid=terminate-review]");
    await staff.page.getByLabel("Reason", { exact: true }).fill("Moved to the enterprise agreement");
    await staff.page.getByTestId("terminate-review").click();
    const lines = await staff.page.getByTestId("terminate-effect").locator("li").allInnerTexts();
    expect(lines[0]).toBe("Status: Active → Terminated");
    expect(lines.join("\n")).toContain(`It ends now, on ${new Date().toISOString().slice(0, 10)} (UTC)`);
    await screenshot(staff.page, "staff-contract-terminate-confirm.en");
    await staff.page.getByTestId("terminate-submit").click();
    await expect.poll(() => staff.page.getByTestId("contract-status").first().getAttribute("data-status")).toBe("terminated");
    expect(await staff.page.getByTestId("contract-view").innerText()).toContain("Reason: Moved to the enterprise agreement");
    await staff.context.close();
  });

  it("staff return a contract in 简体中文 through the confirmation; Edit keeps the comment; the customer reads it", async () => {
    // A service agreement of this test's own, so no other test's contract changes.
    const customer = await b.signedIn("finance@acme.example");
    await customer.page.goto(`/a/${ACME}/billing/contracts/new?kind=service_agreement`, { waitUntil: "networkidle" });
    await hydrated(customer.page, "[data-testid=save-contract]");
    await customer.page.getByTestId("save-contract").click();
    await customer.page.waitForURL(/\/contracts\/[0-9a-f-]{36}\?done=saved$/, { waitUntil: "networkidle" });
    const url = customer.page.url().replace(/\?.*$/, "");
    await hydrated(customer.page, "[data-testid=submit-contract]");
    await customer.page.getByTestId("submit-contract").click();
    await expect.poll(() => customer.page.getByTestId("contract-status").first().getAttribute("data-status")).toBe("submitted");

    const { context, page } = await b.newPage({ locale: "zh-CN" });
    await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: b.baseUrl() }]);
    await signIn(page, "staff@billing.example");
    await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: b.baseUrl() }]);
    await page.goto(`/staff/contracts/${url.split("/").at(-1)}`);
    await hydrated(page, "[data-testid=return-review]");
    await screenshot(page, "staff-contract-countersign.zh-CN");
    // The countersignature's confirmation in 简体中文, then Edit: nothing is countersigned.
    await page.getByLabel("您的职务").fill("财务经理");
    await page.getByLabel("原因（记入审计日志）").fill("已与服务范围核对，法务工单 456 已批准");
    await page.getByTestId("countersign-review").click();
    expect((await page.getByTestId("countersign-effect").locator("li").allInnerTexts())[0]).toBe("状态：已提交 → 平台已会签");
    await screenshot(page, "staff-contract-countersign-confirm.zh-CN");
    await page.getByRole("button", { name: "修改" }).click();
    expect(await page.getByLabel("您的职务").inputValue()).toBe("财务经理");
    const comment = "请写明数据中心所在地区。";
    await page.getByLabel("给客户的意见").fill("否");
    await page.getByTestId("return-review").click();
    await expect.poll(() => page.getByTestId("return-form").innerText()).toContain("请填写意见（至少 3 个字符）。");
    await page.getByLabel("给客户的意见").fill(comment);
    await page.getByTestId("return-review").click();
    const lines = await page.getByTestId("return-effect").locator("li").allInnerTexts();
    expect(lines[0]).toBe("状态：已提交 → 已退回");
    expect(lines).toContain("客户可以修改后重新提交。");
    expect(await page.getByTestId("return-reason").innerText()).toBe(comment);
    await screenshot(page, "staff-contract-return-confirm.zh-CN");
    await page.getByRole("button", { name: "修改" }).click();
    expect(await page.getByLabel("给客户的意见").inputValue()).toBe(comment);
    await page.getByTestId("return-review").click();
    await page.getByTestId("return-submit").click();
    await expect.poll(() => page.getByTestId("contract-status").first().getAttribute("data-status")).toBe("returned");
    await context.close();

    // The customer sees the comment and may edit again.
    await customer.page.reload({ waitUntil: "networkidle" });
    expect(await customer.page.getByTestId("return-comment").innerText()).toContain(comment);
    expect(await customer.page.getByTestId("edit-contract").count()).toBe(1);
    await customer.context.close();
  });
});
