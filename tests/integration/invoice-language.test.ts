import { and, eq } from "drizzle-orm";
import { PDFParse } from "pdf-parse";
import { describe, expect, it, vi } from "vitest";
import { getInvoice, type InvoiceWithLines } from "@/lib/invoices/read";
import { emailOutbox, memberships, users } from "@/db/schema";
import { atTime } from "@/lib/clock";
import { invoicePdf } from "@/lib/invoices/documents";
import { issueInvoice } from "@/lib/invoices/issue";
import { saveBillingProfile } from "@/lib/invoices/profile";
import { chargeUsage, setCreditLimit } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { useTestDb } from "../fixtures/db";
import { createAccount, key, staff, system } from "../fixtures/ledger";

process.env.AUTH_SECRET ??= "test-secret-for-invoice-links";

// The download routes run as in Next.js; only the session is stood in for.
const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => null }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<object>()), getSessionUser: async () => (await import("../fixtures/sessions")).sessionUserOf(session.uid) }));
const { GET: pdfByLink } = await import("@/app/invoice-link/[token]/pdf/route");
const { GET: pdfOfAccount } = await import("@/app/(console)/a/[accountId]/billing/invoices/[invoiceId]/pdf/route");
const handle = useTestDb({ max: 4 });
const db = () => handle().db;

const flatText = async (pdf: Uint8Array) => {
  const parser = new PDFParse({ data: Buffer.from(pdf) });
  const text = (await parser.getText()).text;
  await parser.destroy();
  return text.replace(/\s+/g, "");
};

const team = (invoiceLocale: "en" | "zh-CN") => ({
  companyName: "Initech 上海有限公司", address: "1 Test Road", country: "CN", taxId: "91110000600037341L", billingEmail: "", invoiceLocale, invoicesByEmail: true,
});

/** An account on credit with a user who keeps its team info, and a charge stamped in each month asked for (simulated clock). */
async function accountCharged(months: string[]) {
  const acct = await createAccount(db());
  const [u] = await db().insert(users).values({ email: `owner-${crypto.randomUUID().slice(0, 6)}@lang.example`, name: "Olga Owner", locale: "en" }).returning();
  await db().insert(memberships).values({ accountId: acct, userId: u!.id, role: "owner" });
  await setCreditLimit(db(), { accountId: acct, creditLimit: dollars(500), reason: "test", actor: staff });
  for (const m of months) {
    await atTime(new Date(`${m}-10T12:00:00Z`), () => chargeUsage(db(), { accountId: acct, amount: 12_340_000n, idempotencyKey: key("u"), actor: system, description: "Compute usage" }));
  }
  return { acct, owner: u! };
}

async function issued(acct: string, period: string, now: string): Promise<InvoiceWithLines> {
  const r = await issueInvoice(db(), { accountId: acct, period, now: new Date(now) });
  expect(r.status).toBe("issued");
  return (await getInvoice(db(), { accountId: acct, invoiceId: r.status === "issued" ? r.invoice.id : "", now: new Date(now) }))!;
}

describe("invoices in the language chosen", () => {
  it("an invoice issued after team info is set to 简体中文 is in Chinese; each invoice offers the other language as a marked copy; issued ones keep theirs", async () => {
    const { acct, owner } = await accountCharged(["2032-03", "2032-04"]);
    await saveBillingProfile(db(), { accountId: acct, profile: team("en"), userId: owner.id });
    const march = await issued(acct, "2032-03", "2032-04-05T00:30:00Z");
    expect(march.invoice.locale).toBe("en");
    const marchOriginal = await invoicePdf(db(), march);

    // The user switches the invoice language, as on the team info page.
    await saveBillingProfile(db(), { accountId: acct, profile: team("zh-CN"), userId: owner.id });

    // March was issued in English and stays so, byte for byte; its Chinese copy is marked and names the original.
    const marchAgain = await invoicePdf(db(), march);
    expect(Buffer.from(marchAgain.pdf).equals(Buffer.from(marchOriginal.pdf))).toBe(true);
    const marchZh = await invoicePdf(db(), march, { copy: "zh-CN" });
    expect(marchZh.stored).toBe(false);
    expect(Buffer.from(marchZh.pdf).equals(Buffer.from(marchOriginal.pdf))).toBe(false);
    const marchZhText = await flatText(marchZh.pdf);
    for (const s of ["发票", "费用明细", "副本", `发票${march.invoice.number}的简体中文副本，原件以英文开具`, marchOriginal.sha256]) expect(marchZhText).toContain(s);
    expect(marchZhText).not.toContain("Charges");

    // April, issued after the change, is in Chinese.
    const april = await issued(acct, "2032-04", "2032-05-05T00:30:00Z");
    expect(april.invoice.locale).toBe("zh-CN");
    const aprilOriginal = await invoicePdf(db(), april);
    expect(aprilOriginal.stored).toBe(true);
    const aprilText = await flatText(aprilOriginal.pdf);
    for (const s of ["发票", april.invoice.number, "费用明细", "应付金额", "本发票由"]) expect(aprilText).toContain(s);
    for (const s of ["Invoice", "Charges", "Amountdue", "副本", "COPY"]) expect(aprilText).not.toContain(s);

    // Its English copy: English labels, marked COPY, naming the Chinese original and its hash.
    const aprilEn = await invoicePdf(db(), april, { copy: "en" });
    expect(aprilEn.stored).toBe(false);
    expect(Buffer.from(aprilEn.pdf).equals(Buffer.from(aprilOriginal.pdf))).toBe(false);
    const aprilEnText = await flatText(aprilEn.pdf);
    for (const s of ["Invoice", "Charges", "Amountdue", "COPY", `CopyinEnglishofinvoice${april.invoice.number},whichwasissuedin简体中文`, aprilOriginal.sha256]) expect(aprilEnText).toContain(s);
    expect(aprilEnText).not.toContain("费用明细");

    // The invoice page's two buttons: the stored original as it is, and `?copy=en`, a copy named for its language.
    session.uid = owner.id;
    const base = `http://localhost/a/${acct}/billing/invoices/${april.invoice.id}/pdf`;
    const get = (url: string) => pdfOfAccount(new Request(url), { params: Promise.resolve({ accountId: acct, invoiceId: april.invoice.id }) });
    const page = await get(base);
    expect(page.headers.get("x-content-sha256")).toBe(aprilOriginal.sha256);
    expect(Buffer.from(await page.arrayBuffer()).equals(Buffer.from(aprilOriginal.pdf))).toBe(true);
    const copy = await get(`${base}?copy=en`);
    expect(copy.headers.get("content-disposition")).toBe(`attachment; filename="${april.invoice.number}-en.pdf"`);
    expect(copy.headers.get("x-content-sha256")).toBeNull();
    expect(await flatText(new Uint8Array(await copy.arrayBuffer()))).toContain("COPY");
    session.uid = null;
  });

  it("the issue email is in each recipient's language, and one whose language is not the invoice's gets a link to the copy in theirs", async () => {
    const { acct, owner } = await accountCharged(["2032-06"]);
    const [fin] = await db().insert(users).values({ email: `finance-${crypto.randomUUID().slice(0, 6)}@lang.example`, name: "王芳", locale: "zh-CN" }).returning();
    await db().insert(memberships).values({ accountId: acct, userId: fin!.id, role: "finance" });
    await saveBillingProfile(db(), { accountId: acct, profile: team("zh-CN"), userId: owner.id });
    const inv = await issued(acct, "2032-06", "2032-07-05T00:30:00Z");
    const mails = await db().select().from(emailOutbox).where(and(eq(emailOutbox.accountId, acct), eq(emailOutbox.template, "invoice-issued")));
    const zh = mails.find((m) => m.to === fin!.email)!;
    const en = mails.find((m) => m.to === owner.email)!;

    expect(zh.subject).toBe(`2032-06 的发票 ${inv.invoice.number} 已开具`);
    expect(zh.text).toContain("王芳，您好");
    expect(zh.text).toContain("查看发票");
    expect(zh.text).not.toContain("副本");
    expect(zh.text).not.toMatch(/Hello|View the invoice/);

    expect(en.subject).toBe(`Invoice ${inv.invoice.number} for 2032-06 is ready`);
    expect(en.text).toContain("Hello Olga Owner,");
    expect(en.text).toContain("This invoice was issued in 简体中文. A copy in English is also available:");
    expect(en.text).not.toMatch(/您好|查看发票/);

    // Each link downloads the invoice: the Chinese original for the zh-CN reader, the English copy for the other.
    const link = (html: string, re: RegExp) => new URL(re.exec(html)![1]!.replace(/&amp;/g, "&"));
    const download = async (u: URL) => {
      const token = u.pathname.split("/")[2]!;
      const res = await pdfByLink(new Request(u), { params: Promise.resolve({ token }) });
      expect(res.status).toBe(200);
      return { res, text: await flatText(new Uint8Array(await res.arrayBuffer())) };
    };
    const original = await download(new URL(`${link(zh.html, /href="([^"]*\/invoice-link\/[^"]+)"/).href}/pdf`));
    expect(original.text).toContain("费用明细");
    expect(original.text).not.toContain("COPY");
    const copyUrl = link(en.html, /href="([^"]*\/pdf\?copy=en)"/);
    const copy = await download(copyUrl);
    expect(copy.res.headers.get("content-disposition")).toContain(`${inv.invoice.number}-en.pdf`);
    for (const s of ["Charges", "COPY", "whichwasissuedin简体中文"]) expect(copy.text).toContain(s);
  });
});
