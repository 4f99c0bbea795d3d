import { and, eq, sql } from "drizzle-orm";
import { PDFParse } from "pdf-parse";
import { beforeAll, describe, expect, it } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { getStoredPdf } from "@/db/queries/invoices";
import { getInvoice, getInvoiceForStaff, listInvoices } from "@/lib/invoices/read";
import { billingProfiles, emailOutbox, invoiceLines, invoices, invoiceSettlements, memberships, paymentMethods, payments, users, vouchers } from "@/db/schema";
import { activateResource } from "@/lib/billing/activate";
import { runBilling } from "@/lib/billing/run";
import { purchaseSubscription } from "@/lib/billing/subscribe";
import { rowsOf } from "@/db/rows";
import { atTime } from "@/lib/clock";
import { invoicesJob } from "@/lib/jobs/invoices";
import { payInvoice } from "@/lib/invoices/pay";
import { ProviderUnavailableError } from "@/lib/payments/provider";
import { reconcilePayments } from "@/lib/payments/reconcile";
import { testProvider } from "@/lib/payments/registry";
import { TEST_CARDS, testToken } from "@/lib/payments/test-provider";
import { handleWebhook } from "@/lib/payments/webhooks";
import { invoicePdf } from "@/lib/invoices/documents";
import { invoiceTaxKey, issueInvoice, issuePeriod } from "@/lib/invoices/issue";
import { verifyInvoiceLink } from "@/lib/invoices/link";
import { periodKeyAt, periodOf } from "@/lib/invoices/period";
import { chargeUsage, post, setCreditLimit, topUp } from "@/lib/ledger";
import { dollars, formatMoney } from "@/lib/money";
import { taxOn } from "@/lib/tax/rules";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount, key, staff, system } from "../fixtures/ledger";

process.env.AUTH_SECRET ??= "test-secret-for-invoice-links";
const handle = useTestDb({ max: 8 });
const db = () => handle().db;
const HOUR = 3_600_000;

beforeAll(async () => ensureCatalogue(db()));

/** A tiny seeded PRNG, so a failing case can be replayed from its seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * Random activity of an account of its own, all posted now (the ledger stamps rows with
 * the database clock): hourly, daily and cheap resources over random spans, a voucher,
 * maybe a subscription, top-ups and a direct usage posting. Returns the period it fell in.
 */
async function randomActivity(seed: number, inSingapore = false): Promise<{ acct: string; period: string }> {
  const r = rng(seed);
  const acct = await createAccount(db());
  // In Singapore, the suite's (the demo's) rules charge 9 % GST on the invoice.
  if (inSingapore) await db().insert(billingProfiles).values({ accountId: acct, companyName: "Merlion Labs Pte Ltd", country: "SG", taxId: "201912345R" });
  await topUp(db(), { accountId: acct, amount: dollars(200 + Math.floor(r() * 200)), provider: "test", idempotencyKey: key("topup"), actor: system });
  if (r() < 0.5) await setCreditLimit(db(), { accountId: acct, creditLimit: dollars(500), reason: "test", actor: staff });
  if (r() < 0.6) {
    const amount = BigInt(1 + Math.floor(r() * 5_000_000));
    const [v] = await db().insert(vouchers).values({ codeHash: key("v"), accountId: acct, faceValue: amount, productIds: [], validFrom: new Date("2020-01-01"), validUntil: new Date("2099-01-01") }).returning();
    await post(db(), {
      idempotencyKey: key("issue"), accountId: acct, type: "voucher_issue", description: "issue",
      entries: [{ account: { kind: "voucher", ref: v!.id }, amount }, { account: { kind: "voucher_issuance" }, amount: -amount }],
      actor: system, audit: { action: "test.voucher" },
    });
  }
  const end = new Date(Math.floor(Date.now() / HOUR) * HOUR);
  const products = ["test.hourly", "test.cheap", "test.daily"];
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const start = new Date(end.getTime() - (2 + Math.floor(r() * 200)) * HOUR - Math.floor(r() * 59) * 60_000);
    await activateResource(db(), { accountId: acct, productId: products[Math.floor(r() * products.length)]!, quantity: 1 + Math.floor(r() * 3), actor: system, idempotencyKey: key("a"), now: start });
  }
  await runBilling(db(), { until: end, accountIds: [acct] });
  if (r() < 0.5) await purchaseSubscription(db(), { accountId: acct, productId: "test.sub", quantity: 1, termMonths: ([1, 3, 6, 12] as const)[Math.floor(r() * 4)]!, autoRenew: false, actor: system, idempotencyKey: key("s") });
  if (r() < 0.3) await chargeUsage(db(), { accountId: acct, amount: BigInt(1 + Math.floor(r() * 9_999_999)), idempotencyKey: key("u"), actor: system, description: "Direct usage 直接用量" });
  const [row] = await rowsOf(db(), sql`select max(created_at) as at from ledger_transactions where account_id = ${acct}::uuid`);
  return { acct, period: periodKeyAt(new Date(row!.at as string)) };
}

/** What the ledger says about an account's period, straight from its entries. */
async function ledgerFigures(acct: string, period: string) {
  const p = periodOf(period);
  const [row] = await rowsOf(
    db(),
    sql`select coalesce(-sum(e.amount) filter (where a.kind = 'cash' and t.type in ('usage', 'subscription')), 0) as charged,
          coalesce(-sum(e.amount) filter (where a.kind = 'voucher' and t.type = 'voucher_usage'), 0) as voucher
        from ledger_transactions t join ledger_entries e on e.transaction_id = t.id join ledger_accounts a on a.id = e.ledger_account_id
        where t.account_id = ${acct}::uuid and t.created_at >= ${p.start.toISOString()}::timestamptz and t.created_at < ${p.end.toISOString()}::timestamptz`,
  );
  // The invoice's tax is charged to cash when it is issued, under its own key: it belongs to this month.
  const [tax] = await rowsOf(
    db(),
    sql`select coalesce(-sum(e.amount), 0) as tax from ledger_transactions t join ledger_entries e on e.transaction_id = t.id join ledger_accounts a on a.id = e.ledger_account_id and a.kind = 'cash'
        where t.account_id = ${acct}::uuid and t.type = 'tax' and t.idempotency_key = ${invoiceTaxKey(acct, period)}`,
  );
  return { charged: BigInt(String(row!.charged)) + BigInt(String(tax!.tax)), voucher: BigInt(String(row!.voucher)) };
}

describe("invoice totals", () => {
  it("equal the ledger for the period over random activity (property, 12 cases)", async () => {
    for (let seed = 1; seed <= 12; seed++) {
      // Every third account is in Singapore.
      const { acct, period } = await randomActivity(seed * 7919, seed % 3 === 0);
      const r = await issueInvoice(db(), { accountId: acct, period, now: new Date() });
      expect(r.status, `seed ${seed}`).toBe("issued");
      const { invoice, lines } = (await getInvoice(db(), { accountId: acct, invoiceId: r.status === "issued" ? r.invoice.id : "" }))!;
      const ledger = await ledgerFigures(acct, period);
      expect(invoice.total, `seed ${seed}: total = ledger`).toBe(ledger.charged);
      // Lines are whole cents; the total is their sum, with the rounding line (if any) explicit (it carries
      // whatever the ledger has below a cent, e.g. the accrual the billing run carries).
      for (const l of lines.filter((x) => x.kind !== "rounding")) expect(l.net % 10_000n, `seed ${seed}: cents`).toBe(0n);
      expect(lines.reduce((s, l) => s + l.net, 0n) + invoice.tax, `seed ${seed}: sum of lines and the tax`).toBe(invoice.total);
      // The tax: once on the invoice's net, half-even to the cent.
      expect(invoice.taxRateBps, `seed ${seed}: rate`).toBe(seed % 3 === 0 ? 900 : 0);
      expect(invoice.tax, `seed ${seed}: tax`).toBe(taxOn(invoice.net + invoice.rounding, invoice.taxRateBps));
      expect(lines.filter((l) => l.kind === "rounding").length).toBe(invoice.rounding === 0n ? 0 : 1);
      // Vouchers: the lines round each resource's voucher part; together within half a cent per line of the ledger.
      expect(Math.abs(Number(invoice.voucher - ledger.voucher))).toBeLessThanOrEqual(5_000 * Math.max(1, lines.length));
      expect(invoice.gross - invoice.discount - invoice.voucher + invoice.tax).toBe(invoice.total);
      expect(invoice.amountDue + invoice.paidFromBalance).toBe(invoice.total);
    }
  });
});

describe("issuing", () => {
  it("issues once per account and month; a rerun changes nothing", async () => {
    const { acct, period } = await randomActivity(42);
    const now = new Date();
    const first = await issuePeriod(db(), { period, now, accountIds: [acct] });
    expect(first).toEqual({ issued: 1, existing: 0, skipped: 0 });
    const again = await issuePeriod(db(), { period, now, accountIds: [acct] });
    expect(again).toEqual({ issued: 0, existing: 1, skipped: 0 });
    expect(await db().select().from(invoices).where(eq(invoices.accountId, acct))).toHaveLength(1);
  });

  it("an account without charges or payments gets no invoice", async () => {
    const acct = await createAccount(db());
    expect((await issueInvoice(db(), { accountId: acct, period: "2020-01", now: new Date() })).status).toBe("nothing");
  });

  it("numbers concurrent issues without gaps or duplicates, one invoice per account even when two workers race", async () => {
    const accts: string[] = [];
    for (let i = 0; i < 8; i++) {
      const acct = await createAccount(db());
      await topUp(db(), { accountId: acct, amount: dollars(5), provider: "test", idempotencyKey: key("t"), actor: system });
      accts.push(acct);
    }
    const period = periodKeyAt(new Date());
    // Every account issued twice at once (two "workers"), all accounts in parallel.
    const results = await Promise.all(accts.flatMap((accountId) => [0, 1].map(() => issueInvoice(db(), { accountId, period, now: new Date() }))));
    expect(results.filter((r) => r.status === "issued")).toHaveLength(accts.length);
    expect(results.filter((r) => r.status === "exists")).toHaveLength(accts.length);
    const rows = await rowsOf(db(), sql`select number from invoices where account_id = any(${`{${accts.join(",")}}`}::uuid[]) order by number`);
    const numbers = rows.map((r) => Number(String(r.number).slice(3)));
    expect(new Set(numbers).size).toBe(accts.length);
    // Consecutive: the counter is taken inside each issuing transaction, so nothing in between can take a number and roll back.
    expect(numbers.at(-1)! - numbers[0]!).toBe(accts.length - 1);
  });

  it("the database refuses to change or delete an issued invoice or its lines", async () => {
    const { acct, period } = await randomActivity(7);
    const r = await issueInvoice(db(), { accountId: acct, period, now: new Date() });
    const id = r.status === "issued" ? r.invoice.id : "";
    await expect(db().update(invoices).set({ total: 0n }).where(eq(invoices.id, id))).rejects.toThrow();
    await expect(db().delete(invoices).where(eq(invoices.id, id))).rejects.toThrow();
    await expect(db().update(invoiceLines).set({ net: 0n }).where(eq(invoiceLines.invoiceId, id))).rejects.toThrow();
    await expect(db().delete(invoiceLines).where(eq(invoiceLines.invoiceId, id))).rejects.toThrow();
    const [still] = await db().select().from(invoices).where(eq(invoices.id, id));
    expect(still!.total).toBe(r.status === "issued" ? r.invoice.total : -1n);
  });

  it("snapshots the team info and emails owners, admins and finance a signed link, unless invoices by email is off", async () => {
    const { acct, period } = await randomActivity(99);
    const member = async (role: "owner" | "finance" | "member", locale: "en" | "zh-CN") => {
      const [u] = await db().insert(users).values({ email: `${role}-${crypto.randomUUID().slice(0, 6)}@inv.example`, name: role, locale }).returning();
      await db().insert(memberships).values({ accountId: acct, userId: u!.id, role });
      return u!;
    };
    const owner = await member("owner", "en");
    const fin = await member("finance", "zh-CN");
    const plain = await member("member", "en");
    await db().insert(billingProfiles).values({ accountId: acct, companyName: "上海测试科技有限公司", address: "1 Test Road", country: "CN", taxId: "91310000TEST", invoiceLocale: "zh-CN" });
    const r = await issueInvoice(db(), { accountId: acct, period, now: new Date() });
    const inv = r.status === "issued" ? r.invoice : null;
    expect(inv!.profile.companyName).toBe("上海测试科技有限公司");
    expect(inv!.locale).toBe("zh-CN");
    // A later change of the profile leaves the issued invoice as it was.
    await db().update(billingProfiles).set({ companyName: "Renamed Ltd" }).where(eq(billingProfiles.accountId, acct));
    expect((await db().select().from(invoices).where(eq(invoices.id, inv!.id)))[0]!.profile.companyName).toBe("上海测试科技有限公司");

    const mails = await db().select().from(emailOutbox).where(and(eq(emailOutbox.accountId, acct), eq(emailOutbox.template, "invoice-issued")));
    expect(mails.map((m) => m.to).sort()).toEqual([owner.email, fin.email].sort());
    expect(mails.find((m) => m.to === plain.email)).toBeUndefined();
    const zh = mails.find((m) => m.to === fin.email)!;
    expect(zh.subject).toContain(inv!.number);
    expect(zh.subject).toContain("发票");
    const token = /\/invoice-link\/([^"\s<]+)/.exec(zh.html)![1]!;
    expect(verifyInvoiceLink(token)).toMatchObject({ invoiceId: inv!.id, accountId: acct });

    const quiet = await randomActivity(100);
    await db().insert(billingProfiles).values({ accountId: quiet.acct, invoicesByEmail: false });
    await member("owner", "en");
    await issueInvoice(db(), { accountId: quiet.acct, period: quiet.period, now: new Date() });
    expect(await db().select().from(emailOutbox).where(eq(emailOutbox.accountId, quiet.acct))).toHaveLength(0);
  });
});

describe("reading an invoice", () => {
  it("an id that is not a UUID is not found, for the account and for staff, rather than a database error", async () => {
    const acct = await createAccount(db());
    // 36 characters of hex digits and dashes, but no UUID: PostgreSQL refuses to compare them with a uuid column.
    for (const invoiceId of ["-".repeat(36), "0123456789abcdef0123456789abcdef0123", "01234567-89ab-cdef-0123-456789abcdef-"]) {
      expect(await getInvoice(db(), { accountId: acct, invoiceId }), invoiceId).toBeNull();
      expect(await getInvoiceForStaff(db(), { invoiceId }), invoiceId).toBeNull();
    }
  });
});

describe("the PDF", () => {
  it("is rendered once, stored with its hash, and reads back with its number, totals, lines and 简体中文", async () => {
    const { acct, period } = await randomActivity(5);
    await db().insert(billingProfiles).values({ accountId: acct, companyName: "北京云计算有限公司", address: "北京市海淀区中关村大街 1 号", taxId: "91110108TEST", invoiceLocale: "zh-CN" });
    const r = await issueInvoice(db(), { accountId: acct, period, now: new Date() });
    const data = (await getInvoice(db(), { accountId: acct, invoiceId: r.status === "issued" ? r.invoice.id : "" }))!;
    const first = await invoicePdf(db(), data);
    const second = await invoicePdf(db(), data);
    expect(Buffer.from(second.pdf).equals(Buffer.from(first.pdf))).toBe(true);
    expect(second.sha256).toBe(first.sha256);

    const parser = new PDFParse({ data: Buffer.from(first.pdf) });
    const text = (await parser.getText()).text;
    await parser.destroy();
    const flat = text.replace(/\s+/g, "");
    expect(text).toContain(data.invoice.number);
    expect(flat).toContain("北京云计算有限公司");
    expect(flat).toContain("费用明细");
    expect(flat).toContain(formatMoney(data.invoice.total, "zh-CN").replace(/\s+/g, ""));
    for (const l of data.lines.filter((x) => x.kind === "usage")) expect(flat).toContain(l.itemZh.split(" · ")[0]!.replace(/\s+/g, ""));
  });
});

describe("the monthly job and paying", () => {
  /** An account whose activity is stamped in `month` (simulated clock), on credit so something is owed at the month's end. */
  async function owedIn(month: string) {
    const acct = await createAccount(db());
    const at = new Date(`${month}-10T12:00:00Z`);
    await atTime(at, async () => {
      await setCreditLimit(db(), { accountId: acct, creditLimit: dollars(100), reason: "test", actor: staff });
      await chargeUsage(db(), { accountId: acct, amount: 12_345_678n, idempotencyKey: key("u"), actor: system, description: "Usage on credit" });
    });
    return acct;
  }

  it("issues last month on the 5th (platform time), nothing before, and a rerun issues nothing", async () => {
    const acct = await owedIn("2031-04");
    expect(await invoicesJob(db(), { now: new Date("2031-05-04T23:59:00Z"), accountIds: [acct], pdf: false })).toBeNull();
    const r = await invoicesJob(db(), { now: new Date("2031-05-05T00:30:00Z"), accountIds: [acct] });
    expect(r).toMatchObject({ periodKey: "2031-04", issued: 1 });
    expect(await invoicesJob(db(), { now: new Date("2031-05-05T01:30:00Z"), accountIds: [acct] })).toBeNull();
    const [inv] = await db().select().from(invoices).where(eq(invoices.accountId, acct));
    expect(inv).toMatchObject({ period: "2031-04", total: 12_345_678n });
    // The line is rounded to 12.35; the rounding line brings the total back to the ledger's 12.345678.
    expect(inv!.rounding).toBe(12_345_678n - 12_350_000n);
    // Charged on credit: all of it is due; the job stored its PDF.
    expect(inv!.amountDue).toBe(12_345_678n);
    expect(await getStoredPdf(db(), { invoiceId: inv!.id })).not.toBeNull();
  });

  it("pays an unpaid invoice once with a saved card; a declined card changes nothing", async () => {
    const acct = await owedIn("2031-06");
    const r = await issueInvoice(db(), { accountId: acct, period: "2031-06", now: new Date("2031-07-05T00:00:00Z") });
    const inv = r.status === "issued" ? r.invoice : null;
    const [declined] = await db().insert(paymentMethods).values({ accountId: acct, provider: "test", kind: "card", label: "Visa •••• 0002", providerToken: testToken(TEST_CARDS.declined) }).returning();
    const [good] = await db().insert(paymentMethods).values({ accountId: acct, provider: "test", kind: "card", label: "Visa •••• 4242", providerToken: testToken(TEST_CARDS.succeeds) }).returning();
    const actor = { kind: "user" as const, userId: null };
    const before = (await getBalances(db(), { accountId: acct })).balance;

    const no = await payInvoice(db(), { accountId: acct, invoiceId: inv!.id, methodId: declined!.id, requestKey: crypto.randomUUID(), actor });
    expect(no.status).toBe("declined");
    expect((await getBalances(db(), { accountId: acct })).balance).toBe(before);
    expect((await getInvoice(db(), { accountId: acct, invoiceId: inv!.id }))!.invoice.status).not.toBe("paid");

    const requestKey = crypto.randomUUID();
    const yes = await payInvoice(db(), { accountId: acct, invoiceId: inv!.id, methodId: good!.id, requestKey, actor });
    // Cards take cents: 12.345678 is paid as 12.35.
    expect(yes).toMatchObject({ status: "succeeded", amount: 12_350_000n });
    expect((await getBalances(db(), { accountId: acct })).balance).toBe(before + 12_350_000n);
    expect((await getInvoice(db(), { accountId: acct, invoiceId: inv!.id }))!.invoice.status).toBe("paid");
    // A replay of the same request, or a new one, takes no more money.
    expect((await payInvoice(db(), { accountId: acct, invoiceId: inv!.id, methodId: good!.id, requestKey, actor })).status).toBe("succeeded");
    await expect(payInvoice(db(), { accountId: acct, invoiceId: inv!.id, methodId: good!.id, requestKey: crypto.randomUUID(), actor })).rejects.toThrow(/already paid/);
    expect(await db().select().from(payments).where(and(eq(payments.accountId, acct), eq(payments.status, "succeeded")))).toHaveLength(1);
    // Another account's invoice is not found.
    const stranger = await createAccount(db());
    await expect(payInvoice(db(), { accountId: stranger, invoiceId: inv!.id, methodId: good!.id, requestKey: crypto.randomUUID(), actor })).rejects.toThrow(/Not found/);
  });

  /** An issued invoice with something due, and a saved test card of the given behaviour. */
  async function dueInvoiceWithCard(month: string, card: string) {
    const acct = await owedIn(month);
    const [y, m] = month.split("-").map(Number);
    const next = new Date(Date.UTC(y!, m!, 5));
    const r = await issueInvoice(db(), { accountId: acct, period: month, now: next });
    const [method] = await db().insert(paymentMethods).values({ accountId: acct, provider: "test", kind: "card", label: `Visa •••• ${card.slice(-4)}`, providerToken: testToken(card) }).returning();
    return { acct, invoice: r.status === "issued" ? r.invoice : null, method: method! };
  }
  const settlementsOf = (invoiceId: string) => db().select().from(invoiceSettlements).where(eq(invoiceSettlements.invoiceId, invoiceId));
  const someone = { kind: "user" as const, userId: null };

  it("a payment whose outcome arrives later by signed webhook is recorded against the invoice exactly once", async () => {
    const { acct, invoice, method } = await dueInvoiceWithCard("2031-08", TEST_CARDS.unknown);
    const before = (await getBalances(db(), { accountId: acct })).balance;
    const r = await payInvoice(db(), { accountId: acct, invoiceId: invoice!.id, methodId: method.id, requestKey: crypto.randomUUID(), actor: someone });
    expect(r.status).toBe("unknown");
    expect((await getInvoice(db(), { accountId: acct, invoiceId: invoice!.id }))!.invoice.status).not.toBe("paid");
    expect(await settlementsOf(invoice!.id)).toHaveLength(0);
    // While it is undecided, a second payment of the invoice is refused.
    await expect(payInvoice(db(), { accountId: acct, invoiceId: invoice!.id, methodId: method.id, requestKey: crypto.randomUUID(), actor: someone })).rejects.toThrow(/in progress/);

    const [p] = await db().select().from(payments).where(eq(payments.id, r.paymentId));
    const hook = testProvider.settlementWebhook({ providerPaymentId: p!.providerPaymentId!, paymentId: p!.id });
    // Delivered, replayed in sequence and at once: one credit, one settlement.
    await handleWebhook(db(), "test", hook.body, hook.headers);
    await Promise.all(Array.from({ length: 5 }, () => handleWebhook(db(), "test", hook.body, hook.headers)));
    await handleWebhook(db(), "test", hook.body, hook.headers);

    const settled = await settlementsOf(invoice!.id);
    expect(settled).toHaveLength(1);
    expect(settled[0]).toMatchObject({ paymentId: p!.id, amount: 12_350_000n });
    expect((await getInvoice(db(), { accountId: acct, invoiceId: invoice!.id }))!.invoice.status).toBe("paid");
    expect((await getBalances(db(), { accountId: acct })).balance).toBe(before + 12_350_000n);
    expect((await db().select().from(payments).where(eq(payments.id, p!.id)))[0]!.status).toBe("succeeded");
    await expect(payInvoice(db(), { accountId: acct, invoiceId: invoice!.id, methodId: method.id, requestKey: crypto.randomUUID(), actor: someone })).rejects.toThrow(/already paid/);
  });

  it("a top-up made anywhere pays the oldest unpaid invoice first; charges made since are owed before it", async () => {
    const acct = await owedIn("2031-10");
    const r = await issueInvoice(db(), { accountId: acct, period: "2031-10", now: new Date("2031-11-05T00:00:00Z") });
    const inv = r.status === "issued" ? r.invoice : null;
    const state = async () => (await getInvoice(db(), { accountId: acct, invoiceId: inv!.id, now: new Date("2031-11-18T00:00:00Z") }))!.invoice;
    const listed = async (status: "paid" | "unpaid") => (await listInvoices(db(), { accountId: acct, status, now: new Date("2031-11-18T00:00:00Z"), limit: 10 })).map((x) => x.id);
    expect(await state()).toMatchObject({ amountDue: 12_345_678n, settled: 0n, status: "unpaid" });

    // November: 5.00 more on credit, then a 10.00 top-up from the top-up page: the top-up pays
    // October first, but 5.00 of what is owed now is November's, so 2.345678 of October stays open.
    await atTime(new Date("2031-11-10T12:00:00Z"), () => chargeUsage(db(), { accountId: acct, amount: dollars(5), idempotencyKey: key("u"), actor: system, description: "November usage" }));
    await atTime(new Date("2031-11-12T12:00:00Z"), () => topUp(db(), { accountId: acct, amount: dollars(10), provider: "test", idempotencyKey: key("t"), actor: system }));
    expect(await state()).toMatchObject({ settled: 10_000_000n, status: "unpaid" });
    expect(await listed("unpaid")).toEqual([inv!.id]);

    await atTime(new Date("2031-11-13T12:00:00Z"), () => topUp(db(), { accountId: acct, amount: dollars(3), provider: "test", idempotencyKey: key("t"), actor: system }));
    expect(await state()).toMatchObject({ settled: 12_345_678n, status: "paid" });
    expect(await listed("paid")).toEqual([inv!.id]);
    expect(await listed("unpaid")).toEqual([]);
    const [method] = await db().insert(paymentMethods).values({ accountId: acct, provider: "test", kind: "card", label: "Visa •••• 4242", providerToken: testToken(TEST_CARDS.succeeds) }).returning();
    await expect(payInvoice(db(), { accountId: acct, invoiceId: inv!.id, methodId: method!.id, requestKey: crypto.randomUUID(), actor: someone })).rejects.toThrow(/already paid/);

    // New debt afterwards is the new charges', not October's: the invoice stays paid.
    await atTime(new Date("2031-11-15T12:00:00Z"), () => chargeUsage(db(), { accountId: acct, amount: dollars(50), idempotencyKey: key("u"), actor: system, description: "More usage" }));
    expect(await state()).toMatchObject({ status: "paid" });
  });

  it("a payment whose charge timed out is settled by reconciliation and recorded against the invoice once", async () => {
    const { acct, invoice, method } = await dueInvoiceWithCard("2031-09", TEST_CARDS.succeeds);
    let calls = 0;
    // The provider takes the charge but its first answer is lost; asked again with the same key it answers.
    const provider = Object.assign(Object.create(testProvider) as typeof testProvider, {
      charge: async (req: Parameters<typeof testProvider.charge>[0]) => {
        if (++calls === 1) throw new ProviderUnavailableError("timed out");
        return testProvider.charge(req);
      },
    });
    const r = await payInvoice(db(), { accountId: acct, invoiceId: invoice!.id, methodId: method.id, requestKey: crypto.randomUUID(), actor: someone }, { provider });
    expect(r.status).toBe("unknown");
    expect(await settlementsOf(invoice!.id)).toHaveLength(0);
    const later = new Date(Date.now() + 5 * 60_000);
    await Promise.all([reconcilePayments(db(), { provider, now: later }), reconcilePayments(db(), { provider, now: later })]);
    await reconcilePayments(db(), { provider, now: later });
    expect(await settlementsOf(invoice!.id)).toHaveLength(1);
    expect((await getInvoice(db(), { accountId: acct, invoiceId: invoice!.id }))!.invoice.status).toBe("paid");
    const paid = await db().select().from(payments).where(and(eq(payments.accountId, acct), eq(payments.status, "succeeded")));
    expect(paid).toHaveLength(1);
  });
});
