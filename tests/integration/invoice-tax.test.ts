import { and, eq, sql } from "drizzle-orm";
import { PDFParse } from "pdf-parse";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { rowsOf } from "@/db/rows";
import { auditLog, billingProfiles, memberships, users } from "@/db/schema";
import { atTime } from "@/lib/clock";
import { isAppError } from "@/lib/errors";
import { invoiceCsvLines } from "@/lib/invoices/csv";
import { invoicePdf, issuedViewModel } from "@/lib/invoices/documents";
import { invoiceTaxKey, issueInvoice } from "@/lib/invoices/issue";
import { getInvoice, type InvoiceWithLines } from "@/lib/invoices/read";
import { saveBillingProfile } from "@/lib/invoices/profile";
import { chargeUsage, setCreditLimit, topUp } from "@/lib/ledger";
import { formatMoney } from "@/lib/money";
import { DEMO_SELLER } from "@/lib/seller";
import { useTestDb } from "../fixtures/db";
import { createAccount, key, staff, system } from "../fixtures/ledger";

process.env.AUTH_SECRET ??= "test-secret-for-invoice-links";
const handle = useTestDb({ max: 4 });
const db = () => handle().db;

afterEach(() => vi.unstubAllEnvs());

// The demo's rules are the suite's (demo mode, no TAX_RULES): SG 9 % GST, and the reverse charge for EU businesses with a VAT ID.
const flatText = async (pdf: Uint8Array) => {
  const parser = new PDFParse({ data: Buffer.from(pdf) });
  const text = (await parser.getText()).text;
  await parser.destroy();
  return text.replace(/\s+/g, "");
};
const flat = (s: string) => s.replace(/\s+/g, "");

/** An account on credit with an owner, team info of the given country and tax ID, and charges stamped in January 2033 (simulated clock). */
async function customer(country: string, taxId: string, charges: bigint[], invoiceLocale: "en" | "zh-CN" = "en") {
  const acct = await createAccount(db());
  const [u] = await db().insert(users).values({ email: `owner-${crypto.randomUUID().slice(0, 6)}@tax.example`, name: "Tia Tax", locale: "en" }).returning();
  await db().insert(memberships).values({ accountId: acct, userId: u!.id, role: "owner" });
  await setCreditLimit(db(), { accountId: acct, creditLimit: 500_000_000n, reason: "test", actor: staff });
  await saveBillingProfile(db(), { accountId: acct, userId: u!.id, profile: { companyName: "Lion City Compute Pte Ltd", address: "8 Marina View", country, taxId, billingEmail: "", invoiceLocale, invoicesByEmail: false } });
  for (const amount of charges) await atTime(new Date("2033-01-10T12:00:00Z"), () => chargeUsage(db(), { accountId: acct, amount, idempotencyKey: key("u"), actor: system, description: "Compute usage" }));
  return { acct, userId: u!.id };
}

const ISSUE = new Date("2033-02-05T00:30:00Z");

async function issue(acct: string): Promise<InvoiceWithLines> {
  const r = await atTime(ISSUE, () => issueInvoice(db(), { accountId: acct, period: "2033-01", now: ISSUE, notify: false }));
  expect(r.status).toBe("issued");
  return (await getInvoice(db(), { accountId: acct, invoiceId: r.status === "issued" ? r.invoice.id : "", now: ISSUE }))!;
}

const taxPostings = (acct: string) =>
  rowsOf(db(), sql`select t.idempotency_key, t.created_at, e.amount::text as cash from ledger_transactions t
    join ledger_entries e on e.transaction_id = t.id join ledger_accounts a on a.id = e.ledger_account_id and a.kind = 'cash'
    where t.account_id = ${acct}::uuid and t.type = 'tax'`);

describe("tax on invoices", () => {
  it("a Singapore customer's invoice has a 9 % GST line on the whole net, in the total and the amount due, posted in the ledger once", async () => {
    // Two lines of $61.725: per line, 9 % would round to $5.56 twice ($11.12); on the invoice's $123.45 it is $11.11 (11.1105).
    const { acct } = await customer("Singapore", "201912345R", [61_725_000n, 61_725_000n]);
    const { invoice, lines } = await issue(acct);
    expect(invoice.net + invoice.rounding).toBe(123_450_000n);
    expect(invoice.taxRateBps).toBe(900);
    expect(invoice.tax).toBe(11_110_000n);
    expect(invoice.total).toBe(134_560_000n);
    expect(invoice.amountDue).toBe(134_560_000n);
    expect(invoice.taxRule).toMatchObject({ country: "SG", rateBps: 900, name: { en: "GST" } });
    expect(invoice.seller).toEqual(DEMO_SELLER);

    // The ledger charged the month's usage and, at issue, the tax: invoice total = what the ledger charged for the month.
    const posted = await taxPostings(acct);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.idempotency_key).toBe(invoiceTaxKey(acct, "2033-01"));
    expect(BigInt(String(posted[0]!.cash))).toBe(-11_110_000n);
    expect(new Date(String(posted[0]!.created_at)).toISOString()).toBe(ISSUE.toISOString());
    expect((await getBalances(db(), { accountId: acct })).balance).toBe(-134_560_000n);

    // A rerun issues nothing and posts nothing more.
    const again = await atTime(ISSUE, () => issueInvoice(db(), { accountId: acct, period: "2033-01", now: ISSUE }));
    expect(again.status).toBe("exists");
    expect(await taxPostings(acct)).toHaveLength(1);

    // Page and CSV: its own line (kind tax) after the charges, and a summary row before the total.
    const data = (await getInvoice(db(), { accountId: acct, invoiceId: invoice.id, now: ISSUE }))!;
    const vm = issuedViewModel(data, "en");
    expect(vm.lines.at(-1)).toMatchObject({ kind: "tax", item: `GST (9%) on ${formatMoney(123_450_000n, "en")}`, net: formatMoney(11_110_000n, "en") });
    expect(vm.summary.find((r) => r.key === "tax")).toEqual({ key: "tax", label: "GST (9%)", value: formatMoney(11_110_000n, "en") });
    expect(data.invoice.status).toBe("unpaid");
    const csv = invoiceCsvLines(vm, lines, invoice.tax);
    expect(csv.at(-1)).toContain(",tax,");
    expect(csv.at(-1)!.endsWith(",11.11,0.00,0.00,11.11")).toBe(true);

    // The PDF, in English and as its Chinese copy, shows the seller block and the tax.
    const text = await flatText((await invoicePdf(db(), data)).pdf);
    for (const s of [DEMO_SELLER.name, `This invoice was issued by ${DEMO_SELLER.name}`, DEMO_SELLER.taxId, "1RafflesPlace", "DBSBankLtd", "GST(9%)", formatMoney(11_110_000n, "en"), formatMoney(134_560_000n, "en")]) expect(text).toContain(flat(s));
    const zh = await flatText((await invoicePdf(db(), data, { copy: "zh-CN" })).pdf);
    for (const s of [DEMO_SELLER.name, "商品及服务税（9%）", "收款银行", formatMoney(11_110_000n, "zh-CN")]) expect(zh).toContain(flat(s));

    // Paying the amount due, tax included, settles the invoice (the tax is part of its debt, not a later charge).
    await atTime(new Date("2033-02-06T00:00:00Z"), () => topUp(db(), { accountId: acct, amount: 134_560_000n, provider: "test", idempotencyKey: key("t"), actor: system }));
    expect((await getInvoice(db(), { accountId: acct, invoiceId: invoice.id, now: new Date("2033-02-06T01:00:00Z") }))!.invoice.status).toBe("paid");
  });

  it("an EU business with a VAT ID gets no tax and the reverse-charge note, in both languages; nothing is posted", async () => {
    const { acct } = await customer("Germany", "DE136695976", [50_000_000n], "zh-CN");
    const data = await issue(acct);
    expect(data.invoice).toMatchObject({ tax: 0n, taxRateBps: 0, total: 50_000_000n });
    expect(data.invoice.taxRule).toMatchObject({ country: "EU", reverseCharge: true });
    expect(await taxPostings(acct)).toHaveLength(0);
    const vm = issuedViewModel(data, "en");
    expect(vm.taxNote).toMatch(/^Reverse charge: VAT to be accounted for by the recipient/);
    expect(vm.lines.at(-1)).toMatchObject({ kind: "tax", net: formatMoney(0n, "en") });
    const zh = await flatText((await invoicePdf(db(), data)).pdf);
    expect(zh).toContain(flat("反向征收：增值税由收票方自行申报缴纳"));
    const en = await flatText((await invoicePdf(db(), data, { copy: "en" })).pdf);
    expect(en).toContain(flat("Reverse charge: VAT to be accounted for by the recipient"));
  });

  it("no rule (a US customer, or an EU one without a VAT ID): no tax line, no tax row, total = the month's charges", async () => {
    for (const [country, taxId] of [["United States", "94-1234567"], ["France", ""]] as const) {
      const { acct } = await customer(country, taxId, [10_000_000n]);
      const data = await issue(acct);
      expect(data.invoice).toMatchObject({ tax: 0n, taxRateBps: 0, taxRule: null, total: 10_000_000n });
      const vm = issuedViewModel(data, "en");
      expect(vm.lines.some((l) => l.kind === "tax")).toBe(false);
      expect(vm.summary.some((r) => r.key === "tax")).toBe(false);
      expect(vm.taxNote).toBe("");
      expect(await taxPostings(acct)).toHaveLength(0);
    }
  });

  it("an issued invoice keeps the seller and the rule it was issued with when the configuration changes", async () => {
    const { acct } = await customer("SG", "M90312345A", [20_000_000n]);
    const data = await issue(acct);
    vi.stubEnv("SELLER_NAME", "Renamed Holdings Pte. Ltd.");
    vi.stubEnv("TAX_RULES", "[]");
    const text = await flatText((await invoicePdf(db(), data, { copy: "zh-CN" })).pdf);
    expect(text).toContain(flat(DEMO_SELLER.name));
    expect(text).not.toContain("RenamedHoldings");
    expect(text).toContain(flat(formatMoney(1_800_000n, "zh-CN")));
  });
});

describe("tax ID format", () => {
  it("a tax ID without its country's format is refused, saying which formats the country uses, and nothing is saved", async () => {
    const { acct, userId } = await customer("SG", "201912345R", []);
    const before = await db().select().from(billingProfiles).where(eq(billingProfiles.accountId, acct));
    const audits = async () => (await db().select().from(auditLog).where(and(eq(auditLog.accountId, acct), eq(auditLog.action, "billing_profile.update")))).length;
    const auditsBefore = await audits();
    for (const [country, taxId, expected] of [["Singapore", "201912345W", "UEN / GST Reg. No."], ["中国", "91310000TEST", "USCC"], ["Germany", "DE123", "USt ID Nr."]] as const) {
      const e = await saveBillingProfile(db(), { accountId: acct, userId, profile: { companyName: "Changed Ltd", address: "", country, taxId, billingEmail: "", invoiceLocale: "en", invoicesByEmail: true } }).catch((x: unknown) => x);
      expect(isAppError(e) && e.code).toBe("VALIDATION");
      expect(isAppError(e) && e.fieldErrors?.taxId?.[0]).toContain(expected);
    }
    expect(await db().select().from(billingProfiles).where(eq(billingProfiles.accountId, acct))).toEqual(before);
    expect(await audits()).toBe(auditsBefore);
  });
});
