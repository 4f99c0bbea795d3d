import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ACME, GLOBEX, hydrated, screenshot, signIn, useBrowser } from "./browser";
import { pdfScreenshot, pdfText } from "./pdf";

const b = useBrowser();

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The account's oldest invoice in the list (the other files read the newest): its number and page. */
async function oldestInvoice(page: Page, accountId: string): Promise<{ number: string; href: string }> {
  await page.goto(`/a/${accountId}/billing/invoices`);
  const rows = page.getByTestId("invoice-row");
  await expect.poll(() => rows.count()).toBeGreaterThan(0);
  const last = rows.last();
  const number = (await last.getAttribute("data-number"))!;
  const href = (await last.getByRole("link", { name: number, exact: true }).getAttribute("href"))!;
  return { number, href };
}

/** Staff issue a $1.00 credit note against the invoice on its staff page (off its first correctable line with `byLine`); returns the note's number. */
async function staffCredit(invoiceId: string, reason: string, byLine: boolean): Promise<string> {
  const { context, page } = await b.newPage();
  // Not staff@: other files' large adjustments on these accounts stand in staff@'s 24-hour
  // four-eyes window, and a note on their word alone would wait for a second person.
  await signIn(page, "approver@billing.example");
  await page.goto(`/staff/invoices/${invoiceId}`);
  await hydrated(page, "[data-testid=credit-note-form] button[type=submit]");
  const form = page.getByTestId("credit-note-form");
  await form.getByLabel("Amount (USD)").fill("1.00");
  await form.getByLabel("Kind").selectOption("correction");
  if (byLine) await form.getByLabel("What it credits").selectOption({ index: 1 });
  await form.getByLabel("Reason (the customer reads it)").fill(reason);
  await form.getByRole("button", { name: "Issue credit note" }).click();
  const result = page.getByTestId("credit-note-result");
  await expect.poll(() => result.count(), { timeout: 20_000 }).toBe(1);
  const number = /CN\d{8}/.exec(await result.innerText())![0];
  await screenshot(page, "credit-note-staff.en");
  await context.close();
  return number;
}

describe("credit notes", () => {
  it("staff issue one against an invoice; the customer's finance member sees it beside the invoice and downloads its PDF, in English and 简体中文, axe clean", async () => {
    for (const [accountId, email, locale] of [
      [ACME, "finance@acme.example", "en"],
      [GLOBEX, "finance@globex.example", "zh-CN"],
    ] as const) {
      const finance = await b.signedIn(email);
      const page = finance.page;
      const invoice = await oldestInvoice(page, accountId);
      const invoiceId = invoice.href.split("/").at(-1)!;
      const number = await staffCredit(invoiceId, `Rate corrected on ${invoice.number}`, locale === "en");

      if (locale === "zh-CN") {
        await hydrated(page, "[data-testid=language-switch]");
        await page.getByTestId("language-switch").selectOption("zh-CN");
        await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText(), { timeout: 20_000 }).toBe("发票");
      }
      // The list shows the note under its invoice.
      await page.goto(`/a/${accountId}/billing/invoices`);
      const row = page.locator(`[data-testid=credit-note-row][data-number=${number}]`);
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.innerText()).toContain(locale === "en" ? `Credit note for ${invoice.number}` : `发票 ${invoice.number} 的贷项通知单`);
      expect(await row.innerText()).toMatch(/-(US)?\$1\.00/);
      expect(await axe(page)).toEqual([]);
      await screenshot(page, `credit-notes-list.${locale}`);

      // The invoice lists it with the amount due after it, and its PDF downloads.
      await page.goto(invoice.href);
      const notes = page.getByTestId("credit-notes");
      await expect.poll(() => notes.count()).toBe(1);
      expect(await notes.innerText()).toContain(number);
      expect(await page.getByTestId("amount-due-after").innerText()).toContain(locale === "en" ? "Amount due after credit notes" : "扣除贷项后应付");
      expect(await axe(page)).toEqual([]);
      await screenshot(page, `credit-notes-invoice.${locale}`);
      const pdf = await page.request.get((await notes.getByTestId("credit-note-pdf").last().getAttribute("href"))!);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-disposition"]).toContain(`${number}.pdf`);
      const bytes = await pdf.body();
      const text = (await pdfText(bytes)).replace(/\s+/g, "");
      for (const s of [number, invoice.number, "1.00", locale === "en" ? "Creditnote" : "贷项通知单"]) expect(text).toContain(s);
      // The English one corrected a line: its PDF names the line, the Chinese one credits the invoice as a whole.
      expect(text).toContain(locale === "en" ? "Invoiceline" : "整张发票");
      pdfScreenshot(bytes, `credit-note-pdf.${locale}`);

      // Another account's member is not shown it.
      const other = await b.signedIn(accountId === ACME ? "finance@globex.example" : "finance@acme.example");
      const foreign = await other.page.request.get((await notes.getByTestId("credit-note-pdf").last().getAttribute("href"))!);
      expect(foreign.status()).toBe(404);
      await other.context.close();
      if (locale === "zh-CN") {
        await page.getByTestId("language-switch").selectOption("en");
        await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText(), { timeout: 20_000 }).toContain("Invoice");
      }
      await finance.context.close();
    }
  });
});
