import type { BrowserContext, Locator, Page } from "playwright-core";
import postgres from "postgres";
import { describe, expect, inject, it, onTestFinished } from "vitest";
import { GLOBEX, hydrated, screenshot, signIn, useBrowser } from "./browser";

/**
 * Every settings form shows what was saved: right after saving (React resets a form after
 * its action, and the page comes back with the saved values), after a reload, and as the
 * database holds it. Each form is saved twice, the second time changing another field, so
 * a form that showed stale values would write them back. All on Globex, each put back as
 * it was at the end (the other end-to-end files share the demo database).
 */
const b = useBrowser();

/**
 * The database's own row: read directly on PostgreSQL. On PGlite the server holds the
 * database alone, so a fresh session (no browser state at all) reading the page stands for it.
 */
async function fromDatabase<T>(query: (sql: postgres.Sql) => Promise<T[]>): Promise<T | null> {
  const url = inject("databaseUrl");
  if (!url) return null;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return (await query(sql))[0] ?? null;
  } finally {
    await sql.end();
  }
}

/** Reads the form in a new browser context (signed in afresh): what the server renders from the database. */
async function inFreshSession<T>(email: string, path: string, read: (page: Page) => Promise<T>): Promise<T> {
  const { context, page } = await b.newPage();
  try {
    await signIn(page, email);
    await page.goto(path, { waitUntil: "networkidle" });
    return await read(page);
  } finally {
    await context.close();
  }
}

async function open(page: Page, path: string, form: string): Promise<Locator> {
  await page.goto(path, { waitUntil: "networkidle" });
  await hydrated(page, `form[aria-label="${form}"] button[type=submit]`);
  return page.getByRole("form", { name: form });
}

/** Clicks `button` and waits for the server action's answer, then for the form's confirmation and for the form to be ready again. */
async function save(button: Locator, form: Locator, text: string) {
  const answered = button.page().waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"]);
  await button.click();
  await answered;
  await expect.poll(() => form.getByRole("status").filter({ hasText: text }).count()).toBe(1);
  await expect.poll(() => form.locator("button[type=submit]").last().isEnabled()).toBe(true);
}

/**
 * At the end of the test, also when it failed part-way: the form is filled back (`refill`),
 * saved, shown as it was before, and the page closed.
 */
function putBack<T>(
  o: { context: BrowserContext; page: Page; path: string; form: string; button: string; saved: string; read: (f: Locator) => Promise<T>; before: T },
  refill: (f: Locator) => Promise<void>,
) {
  onTestFinished(async () => {
    const f = await open(o.page, o.path, o.form);
    await refill(f);
    await save(f.getByRole("button", { name: o.button }), f, o.saved);
    await expect.poll(() => o.read(f)).toEqual(o.before);
    await o.context.close();
  });
}

/** What the form showed after saving, it shows again after a reload and in a fresh session. */
async function expectKept<T>(page: Page, email: string, path: string, name: string, read: (f: Locator) => Promise<T>, saved: T) {
  const form = await open(page, path, name);
  await expect.poll(() => read(form)).toEqual(saved);
  expect(await inFreshSession(email, path, (p) => read(p.getByRole("form", { name })))).toEqual(saved);
}

describe("settings forms show what was saved", () => {
  it("auto-recharge: the day saved stays selected, and a later amount change keeps it", async () => {
    const email = "admin@globex.example";
    const path = `/a/${GLOBEX}/billing/auto-recharge`;
    const { context, page } = await b.signedIn(email);
    const form = await open(page, path, "Auto-recharge");
    const day = form.getByLabel("Day of the month");
    const amount = form.getByLabel("Amount (USD)");
    const before = { day: await day.inputValue(), amount: await amount.inputValue(), enabled: await form.getByLabel("Auto-recharge is on").isChecked() };
    expect(before.enabled).toBe(false); // never switched on here: the hourly job must not charge Globex under other tests
    const read = async (f: Locator) => ({ day: await f.getByLabel("Day of the month").inputValue(), amount: await f.getByLabel("Amount (USD)").inputValue() });
    const firstDay = before.day === "5" ? "6" : "5";
    // Back as it was, also when the test failed part-way.
    putBack({ context, page, path, form: "Auto-recharge", button: "Save", saved: "Saved.", read, before: { day: before.day, amount: before.amount } }, async (f) => {
      await f.getByLabel("Day of the month").selectOption(before.day);
      await f.getByLabel("Amount (USD)").fill(before.amount);
    });

    // First save: the day only.
    await day.selectOption(firstDay);
    await save(form.getByRole("button", { name: "Save" }), form, "Saved.");
    await expect.poll(() => read(form)).toEqual({ day: firstDay, amount: before.amount });
    await screenshot(page, "settings-forms.auto-recharge.en");

    // Second save: the amount only; the day saved first is what is sent again.
    await amount.fill("120");
    await save(form.getByRole("button", { name: "Save" }), form, "Saved.");
    await expect.poll(() => read(form)).toEqual({ day: firstDay, amount: "120" });
    await expectKept(page, email, path, "Auto-recharge", read, { day: firstDay, amount: "120" });
    const row = await fromDatabase((sql) => sql<{ day: number; amount: string; enabled: boolean }[]>`select day_of_month as day, amount::text, enabled from auto_recharge_settings where account_id = ${GLOBEX}`);
    if (row) expect(row).toEqual({ day: Number(firstDay), amount: "120000000", enabled: false });
  });

  it("team info: the invoice language saved stays chosen, and a later tax ID change keeps it", async () => {
    const email = "admin@globex.example";
    const path = `/a/${GLOBEX}/billing/team-info`;
    const { context, page } = await b.signedIn(email);
    const form = await open(page, path, "Team info");
    const read = async (f: Locator) => ({ invoiceLocale: await f.getByLabel("Invoice language").inputValue(), taxId: await f.getByLabel("Tax ID").inputValue(), companyName: await f.getByLabel("Company name").inputValue() });
    const before = await read(form);
    const otherLocale = before.invoiceLocale === "en" ? "zh-CN" : "en";
    putBack({ context, page, path, form: "Team info", button: "Save team info", saved: "Team info saved.", read, before }, async (f) => {
      await f.getByLabel("Invoice language").selectOption(before.invoiceLocale);
      await f.getByLabel("Tax ID").fill(before.taxId);
    });

    // The language applies to invoices issued from then on; the ones already issued keep theirs.
    expect(await form.getByLabel("Invoice language").getAttribute("aria-describedby")).toBe("f-invoiceLocale-hint");
    expect(await form.locator("#f-invoiceLocale-hint").innerText()).toBe("Invoices issued from now on are in this language; each invoice also offers a copy in the other.");
    await form.getByLabel("Invoice language").selectOption(otherLocale);
    await save(form.getByRole("button", { name: "Save team info" }), form, "Team info saved.");
    await expect.poll(() => read(form)).toEqual({ ...before, invoiceLocale: otherLocale });
    await screenshot(page, "settings-forms.team-info.en");

    // A tax ID without the country's format (Globex is in 中国: an 18-character 统一社会信用代码) is refused, saying so.
    await form.getByLabel("Tax ID").fill("GLOBEX-FORMS-1");
    await form.getByRole("button", { name: "Save team info" }).click();
    await expect.poll(() => form.getByText("This is not a valid tax ID for China (expected: USCC).").count()).toBe(1);
    await screenshot(page, "settings-forms.team-info.bad-tax-id.en");
    await form.getByLabel("Tax ID").fill("91110000600037341L");
    await save(form.getByRole("button", { name: "Save team info" }), form, "Team info saved.");
    const after = { ...before, invoiceLocale: otherLocale, taxId: "91110000600037341L" };
    await expect.poll(() => read(form)).toEqual(after);
    await expectKept(page, email, path, "Team info", read, after);
    const row = await fromDatabase((sql) => sql<{ invoiceLocale: string; taxId: string; companyName: string }[]>`select invoice_locale as "invoiceLocale", tax_id as "taxId", company_name as "companyName" from billing_profiles where account_id = ${GLOBEX}`);
    if (row) expect(row).toEqual(after);
  });

  it("invoice emails: the billing email is shown as saved (lower case), and switching emails off keeps it", async () => {
    const email = "finance@globex.example";
    const path = `/a/${GLOBEX}/billing/team-info`;
    const { context, page } = await b.signedIn(email);
    const form = await open(page, path, "Team info");
    const read = async (f: Locator) => ({ billingEmail: await f.getByLabel("Billing email").inputValue(), byEmail: await f.getByLabel("Email each invoice when it is issued").isChecked() });
    const before = await read(form);
    putBack({ context, page, path, form: "Team info", button: "Save team info", saved: "Team info saved.", read, before }, async (f) => {
      await f.getByLabel("Billing email").fill(before.billingEmail);
      await f.getByLabel("Email each invoice when it is issued").setChecked(before.byEmail);
    });

    await form.getByLabel("Billing email").fill("AP.Forms@Globex.Example");
    await save(form.getByRole("button", { name: "Save team info" }), form, "Team info saved.");
    await expect.poll(() => read(form)).toEqual({ billingEmail: "ap.forms@globex.example", byEmail: before.byEmail });

    await form.getByLabel("Email each invoice when it is issued").setChecked(!before.byEmail);
    await save(form.getByRole("button", { name: "Save team info" }), form, "Team info saved.");
    const after = { billingEmail: "ap.forms@globex.example", byEmail: !before.byEmail };
    await expect.poll(() => read(form)).toEqual(after);
    await screenshot(page, "settings-forms.invoice-emails.en");
    await expectKept(page, email, path, "Team info", read, after);
    const row = await fromDatabase((sql) => sql<{ billingEmail: string; byEmail: boolean }[]>`select billing_email as "billingEmail", invoices_by_email as "byEmail" from billing_profiles where account_id = ${GLOBEX}`);
    if (row) expect(row).toEqual(after);
  });

  it("alerts: a new threshold is shown as saved, and a later webhook change keeps it", async () => {
    const email = "finance@globex.example";
    const path = `/a/${GLOBEX}/billing/alerts`;
    const { context, page } = await b.signedIn(email);
    const form = await open(page, path, "Low-funds alert");
    const read = async (f: Locator) => ({
      thresholds: await f.getByRole("textbox", { name: /^Threshold \d$/ }).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
      webhookUrl: await f.getByLabel("Webhook URL").inputValue(),
      enabled: await f.getByLabel("Email me when available funds are low").isChecked(),
    });
    const before = await read(form);
    expect(before).toEqual({ thresholds: ["50"], webhookUrl: "", enabled: true }); // the demo's; Globex's funds stay below $50 throughout
    putBack({ context, page, path, form: "Low-funds alert", button: "Save", saved: "Alert settings saved.", read, before }, async (f) => {
      const extra = f.getByRole("button", { name: "Remove threshold 2" });
      if (await extra.count()) await extra.click();
      await f.getByRole("textbox", { name: "Threshold 1", exact: true }).fill("50");
      await f.getByLabel("Webhook URL").fill("");
    });

    // Typed out of order and with cents: the form shows the saved list (sorted, as the server keeps it).
    await form.getByRole("textbox", { name: "Threshold 1", exact: true }).fill("5000.00");
    await form.getByRole("button", { name: "Add a threshold" }).click();
    await form.getByRole("textbox", { name: "Threshold 2", exact: true }).fill("50");
    await save(form.getByRole("button", { name: "Save" }), form, "Alert settings saved.");
    await expect.poll(() => read(form)).toEqual({ ...before, thresholds: ["50", "5000"] });

    await form.getByLabel("Webhook URL").fill("https://hooks.example/globex-forms");
    await save(form.getByRole("button", { name: "Save" }), form, "Alert settings saved.");
    const after = { ...before, thresholds: ["50", "5000"], webhookUrl: "https://hooks.example/globex-forms" };
    await expect.poll(() => read(form)).toEqual(after);
    await screenshot(page, "settings-forms.alerts.en");
    await expectKept(page, email, path, "Low-funds alert", read, after);
    const row = await fromDatabase(
      (sql) => sql<{ thresholds: string[]; webhookUrl: string; enabled: boolean }[]>`
        select (select array_agg(t.amount::text order by t.amount) from alert_thresholds t where t.account_id = s.account_id) as thresholds, s.webhook_url as "webhookUrl", s.enabled
        from alert_settings s where s.account_id = ${GLOBEX}`,
    );
    if (row) expect(row).toEqual({ thresholds: ["50000000", "5000000000"], webhookUrl: after.webhookUrl, enabled: true });
  });

  it("payment methods: the default and the primary method chosen are marked, each change keeping the other", async () => {
    const email = "admin@globex.example";
    const path = `/a/${GLOBEX}/billing/payment-methods`;
    const { context, page } = await b.newPage();
    page.on("dialog", (d) => void d.accept()); // "Remove …?" when putting things back
    await signIn(page, email);
    await page.goto(path, { waitUntil: "networkidle" });
    expect(await page.getByTestId("method-row").count()).toBe(0); // Globex has no saved method in the demo
    const rows = page.getByTestId("method-row");
    onTestFinished(async () => {
      // Back as it was: no saved method.
      await page.goto(path, { waitUntil: "networkidle" });
      for (let n = await rows.count(); n > 0; n--) {
        await hydrated(page, "[data-testid=method-row] button");
        await rows.first().getByRole("button", { name: /^Remove/ }).click();
        await expect.poll(() => rows.count()).toBe(n - 1);
      }
      await context.close();
    });

    // Two cards: the first saved becomes default and primary.
    const addCard = async (number: string, expiry: string) => {
      const form = await open(page, path, "Add a card");
      await form.getByLabel("Card number").fill(number);
      await form.getByLabel(/Expiry/).fill(expiry);
      await form.getByLabel("Security code").fill("123");
      await form.getByRole("button", { name: "Save card" }).click();
      await expect.poll(() => form.getByRole("status").innerText()).toMatch(/^Saved /);
    };
    await addCard("4242 4242 4242 4242", "11/33");
    await addCard("4242 4242 4242 4242", "12/34");
    await expect.poll(() => rows.count()).toBe(2);
    const marks = async (p: Page) =>
      (await p.getByTestId("method-row").evaluateAll((els) => els.map((e) => [...e.querySelectorAll("p:first-child span")].map((s) => s.textContent).join("+") || "-")));
    expect(await marks(page)).toEqual(["Default+Primary", "-"]);
    const flags = () =>
      fromDatabase((sql) => sql<{ flags: string[] }[]>`select array_agg((case when is_default then 'D' else '-' end) || (case when is_primary then 'P' else '-' end) order by created_at) as flags from payment_methods where account_id = ${GLOBEX} and removed_at is null`);

    // First change: the second card becomes default; the first stays primary.
    await rows.nth(1).getByRole("button", { name: /^Make default/ }).click();
    await expect.poll(() => marks(page)).toEqual(["Primary", "Default"]);
    // Second change: the second card becomes primary too.
    await rows.nth(1).getByRole("button", { name: /^Make primary/ }).click();
    await expect.poll(() => marks(page)).toEqual(["-", "Default+Primary"]);
    await screenshot(page, "settings-forms.payment-methods.en");
    await page.reload({ waitUntil: "networkidle" });
    expect(await marks(page)).toEqual(["-", "Default+Primary"]);
    expect(await inFreshSession(email, path, marks)).toEqual(["-", "Default+Primary"]);
    const f = await flags();
    if (f) expect(f).toEqual({ flags: ["--", "DP"] });
  });

  it("discounts: the form keeps the scope saved and shows its rate and reason, and a reason-only change keeps the rate", async () => {
    const email = "staff@billing.example";
    const path = `/staff/accounts/${GLOBEX}/discounts`;
    const product = "Load balancer (standard)";
    const { context, page } = await b.signedIn(email);
    const form = await open(page, path, "Change a rate");
    const rateRow = (p: Page) => p.getByTestId("discount-rate").filter({ hasText: product });
    expect(await rateRow(page).count()).toBe(0); // no negotiated rate on it in the demo
    const read = async (f: Locator) => ({ scope: await f.getByLabel("Applies to").inputValue(), rate: await f.getByLabel("Discount (%)").inputValue(), reason: await f.getByLabel("Reason").inputValue() });
    const confirm = async (from: string, to: string) => {
      await form.getByRole("button", { name: "Review change" }).click();
      await save(page.getByRole("button", { name: "Confirm" }), form, `Saved: ${product} from ${from} to ${to}.`);
    };
    onTestFinished(async () => {
      // Back as it was: 0 removes the rate.
      const f = await open(page, path, "Change a rate");
      if (await rateRow(page).count()) {
        await f.getByLabel("Applies to").selectOption("slb.standard");
        await f.getByLabel("Discount (%)").fill("0");
        await f.getByLabel("Reason").fill("Forms test: put back");
        await f.getByRole("button", { name: "Review change" }).click();
        await save(page.getByRole("button", { name: "Confirm" }), f, `Saved: ${product} from `);
      }
      await expect.poll(() => rateRow(page).count()).toBe(0);
      await context.close();
    });

    await form.getByLabel("Applies to").selectOption("slb.standard");
    await form.getByLabel("Discount (%)").fill("7.5");
    await form.getByLabel("Reason").fill("Forms test: first rate");
    await confirm("0%", "7.5%");
    await expect.poll(() => read(form)).toEqual({ scope: "slb.standard", rate: "7.5", reason: "Forms test: first rate" });
    await expect.poll(() => rateRow(page).innerText()).toMatch(/7\.5%\s+Forms test: first rate/);

    // Only the reason this time: the rate shown is the saved one and goes through unchanged.
    await form.getByLabel("Reason").fill("Forms test: second reason");
    await confirm("7.5%", "7.5%");
    await expect.poll(() => read(form)).toEqual({ scope: "slb.standard", rate: "7.5", reason: "Forms test: second reason" });
    await expect.poll(() => rateRow(page).innerText()).toMatch(/7\.5%\s+Forms test: second reason/);
    await screenshot(page, "settings-forms.discounts.en");
    await page.reload({ waitUntil: "networkidle" });
    expect(await rateRow(page).innerText()).toMatch(/7\.5%\s+Forms test: second reason/);
    // After a reload, choosing the scope shows its saved rate and reason.
    await hydrated(page, 'form[aria-label="Change a rate"] select');
    await form.getByLabel("Applies to").selectOption("slb.standard");
    await expect.poll(() => read(form)).toEqual({ scope: "slb.standard", rate: "7.5", reason: "Forms test: second reason" });
    expect(await inFreshSession(email, path, async (p) => (await rateRow(p).innerText()).replace(/\s+/g, " "))).toMatch(/7\.5% Forms test: second reason/);
    const row = await fromDatabase((sql) => sql<{ rateBps: number; reason: string }[]>`select rate_bps as "rateBps", reason from account_discounts where account_id = ${GLOBEX} and product_id = 'slb.standard'`);
    if (row) expect(row).toEqual({ rateBps: 750, reason: "Forms test: second reason" });
  });
});
