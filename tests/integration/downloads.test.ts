import { unzipSync } from "fflate";
import { PDFParse } from "pdf-parse";
import { describe, expect, it, vi } from "vitest";
import { listPaymentHistory } from "@/db/queries/payment-history";
import { atTime } from "@/lib/clock";
import { issueCreditNote } from "@/lib/credit-notes/issue";
import { issueInvoice } from "@/lib/invoices/issue";
import { chargeUsage, setCreditLimit } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { saveProviderMethod } from "@/lib/payments/methods";
import { refundPayment } from "@/lib/payments/refund";
import { testProvider } from "@/lib/payments/registry";
import { receiptNo } from "@/lib/payments/settle";
import { TEST_CARDS } from "@/lib/payments/test-provider";
import { topUpWithMethod } from "@/lib/payments/top-up";
import { parseCsv } from "../fixtures/csv";
import { useTestDb } from "../fixtures/db";
import { createAccount, createUser } from "../fixtures/factories";
import { key, staff, system } from "../fixtures/ledger";

// The download routes run as in Next.js; only the session is stood in for.
const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => null }));
vi.mock("@/lib/auth/session", async (orig) => ({ ...(await orig<object>()), getSessionUser: async () => (await import("../fixtures/sessions")).sessionUserOf(session.uid) }));
const { GET: zipRoute } = await import("@/app/(console)/a/[accountId]/billing/invoices/zip/route");
const { GET: receiptRoute } = await import("@/app/(console)/a/[accountId]/billing/payments/[paymentId]/receipt/route");
const { GET: csvRoute } = await import("@/app/(console)/a/[accountId]/billing/payments/export/route");
const h = useTestDb({ max: 4 });
const db = () => h().db;

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function get(route: Route, as: string, path: string, params: Record<string, string>, locale: "en" | "zh-CN" = "en") {
  session.uid = as;
  return route(new Request(`http://test${path}`, { headers: { cookie: `NEXT_LOCALE=${locale}` } }), { params: Promise.resolve(params) });
}

/** A streamed body as text: csvResponse streams strings, which Next.js writes as they come but Response.text() refuses. */
async function bodyText(res: Response): Promise<string> {
  let text = "";
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<string | Uint8Array>) text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  return text;
}

const pdfText = async (pdf: Uint8Array) => {
  const parser = new PDFParse({ data: Buffer.from(pdf) });
  const text = (await parser.getText()).text;
  await parser.destroy();
  return text;
};

async function accountWithInvoices(months: string[]) {
  const { account, members } = await createAccount(db(), ["finance", "member"]);
  await setCreditLimit(db(), { accountId: account.id, creditLimit: dollars(500), reason: "test", actor: staff });
  const numbers: Record<string, string> = {};
  const ids: Record<string, string> = {};
  for (const m of months) {
    await atTime(new Date(`${m}-10T12:00:00Z`), () => chargeUsage(db(), { accountId: account.id, amount: 12_340_000n, idempotencyKey: key("u"), actor: system, description: "Compute usage" }));
    const [y, mo] = m.split("-").map(Number) as [number, number];
    const next = new Date(Date.UTC(y, mo, 5, 0, 30));
    const r = await issueInvoice(db(), { accountId: account.id, period: m, now: next });
    if (r.status !== "issued") throw new Error(`no invoice for ${m}`);
    numbers[m] = r.invoice.number;
    ids[m] = r.invoice.id;
  }
  return { accountId: account.id, finance: members.finance, member: members.member, numbers, ids };
}

async function paidTopUp(amount = dollars(100)) {
  const { account, members } = await createAccount(db(), ["finance", "member"]);
  const method = await saveProviderMethod(db(), { accountId: account.id, provider: "test", method: testProvider.tokenizeCard({ number: TEST_CARDS.succeeds, expiry: "12/40", cvc: "123" }), who: { userId: members.finance.id } });
  const r = await topUpWithMethod(db(), { accountId: account.id, methodId: method.id, amount, requestId: crypto.randomUUID(), userId: members.finance.id });
  expect(r.status).toBe("succeeded");
  return { accountId: account.id, finance: members.finance, member: members.member, payment: r.payment, method };
}

describe("invoices of a period as one ZIP", () => {
  it("holds exactly the period's invoices as their stored PDFs and their credit notes, streamed; another account's is not found and a plain member is refused", async () => {
    const a = await accountWithInvoices(["2032-01", "2032-02", "2032-03", "2032-04"]);
    const at = new Date("2032-05-20T10:00:00Z");
    const credit = (m: string) =>
      atTime(at, () => issueCreditNote(db(), { accountId: a.accountId, invoiceId: a.ids[m]!, kind: "adjustment", reason: "Duplicate charge", amount: dollars(2), requestKey: key("cn"), actor: { kind: "staff", userId: null }, now: at }));
    const { note } = await credit("2032-03");
    await credit("2032-04");
    const res = await get(zipRoute, a.finance.id, `/a/${a.accountId}/billing/invoices/zip?from=2032-02&to=2032-03`, { accountId: a.accountId });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="invoices-2032-02-2032-03.zip"');
    // A stream, not a buffered body: no length is known in advance.
    expect(res.headers.get("content-length")).toBeNull();
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files)).toEqual([`${a.numbers["2032-02"]}.pdf`, `${a.numbers["2032-03"]}.pdf`, `${note.number}.pdf`]);
    expect(note.number).toMatch(/^CN\d+$/);
    const cn = (await pdfText(files[`${note.number}.pdf`]!)).replace(/\s+/g, "");
    expect(cn).toContain(note.number);
    expect(cn).toContain(a.numbers["2032-03"]);
    const march = await pdfText(files[`${a.numbers["2032-03"]}.pdf`]!);
    expect(march).toContain(a.numbers["2032-03"]);
    expect(march).toContain("2032-03");
    expect(march).not.toContain(a.numbers["2032-02"]);

    // One month, and a month without an invoice: an empty archive, not an error.
    const one = unzipSync(new Uint8Array(await (await get(zipRoute, a.finance.id, "/z?from=2032-04&to=2032-04", { accountId: a.accountId })).arrayBuffer()));
    expect(Object.keys(one)).toHaveLength(2);
    expect(Object.keys(one)[0]).toBe(`${a.numbers["2032-04"]}.pdf`);
    expect(Object.keys(unzipSync(new Uint8Array(await (await get(zipRoute, a.finance.id, "/z?from=2031-01&to=2031-12", { accountId: a.accountId })).arrayBuffer())))).toEqual([]);

    const other = await accountWithInvoices(["2032-02"]);
    expect((await get(zipRoute, other.finance.id, "/z?from=2032-02&to=2032-03", { accountId: a.accountId })).status).toBe(404);
    expect((await get(zipRoute, a.member.id, "/z?from=2032-02&to=2032-03", { accountId: a.accountId })).status).toBe(403);
  });

  it("refuses a period that is reversed, longer than 24 months or not months, with a clear message", async () => {
    const a = await accountWithInvoices(["2032-01"]);
    for (const [q, message] of [
      ["from=2032-03&to=2032-02", "The period ends before it starts."],
      ["from=2030-01&to=2032-01", "A ZIP covers at most 24 months."],
      ["from=2032-1&to=2032-02", "Months are written YYYY-MM."],
      ["to=2032-02", "Choose the first and the last month."],
    ]) {
      const res = await get(zipRoute, a.finance.id, `/z?${q}`, { accountId: a.accountId });
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toBe(message);
    }
    // 24 months exactly is allowed.
    expect((await get(zipRoute, a.finance.id, "/z?from=2030-02&to=2032-01", { accountId: a.accountId })).status).toBe(200);
  });
});

describe("a PDF receipt for a top-up", () => {
  it("has the number, amount and method, in the reader's language; another account's payment is not found, a plain member refused", async () => {
    const t = await paidTopUp(dollars(100));
    const en = await get(receiptRoute, t.finance.id, "/r", { accountId: t.accountId, paymentId: t.payment.id });
    expect(en.status).toBe(200);
    expect(en.headers.get("content-disposition")).toBe(`attachment; filename="${receiptNo(t.payment.id)}.pdf"`);
    const text = await pdfText(new Uint8Array(await en.arrayBuffer()));
    // The PDF font draws the label's bullets as middle dots; the brand and last four read back as typed.
    for (const s of ["Receipt", receiptNo(t.payment.id), "$100.00", "Visa", "4242", "Top-up", "Paid", t.accountId]) expect(text).toContain(s);

    const zh = await pdfText(new Uint8Array(await (await get(receiptRoute, t.finance.id, "/r", { accountId: t.accountId, paymentId: t.payment.id }, "zh-CN")).arrayBuffer()));
    for (const s of ["收据", "100.00", "4242", "充值", "已支付"]) expect(zh.replace(/\s+/g, "")).toContain(s.replace(/\s+/g, ""));

    const other = await paidTopUp();
    expect((await get(receiptRoute, other.finance.id, "/r", { accountId: t.accountId, paymentId: t.payment.id })).status).toBe(404);
    expect((await get(receiptRoute, t.finance.id, "/r", { accountId: t.accountId, paymentId: other.payment.id })).status).toBe(404);
    expect((await get(receiptRoute, t.member.id, "/r", { accountId: t.accountId, paymentId: t.payment.id })).status).toBe(403);
  });

  it("a declined top-up has no receipt", async () => {
    const { account, members } = await createAccount(db(), ["finance"]);
    const method = await saveProviderMethod(db(), { accountId: account.id, provider: "test", method: testProvider.tokenizeCard({ number: TEST_CARDS.declined, expiry: "12/40", cvc: "123" }), who: { userId: members.finance.id } });
    const r = await topUpWithMethod(db(), { accountId: account.id, methodId: method.id, amount: dollars(20), requestId: crypto.randomUUID(), userId: members.finance.id });
    expect(r.status).toBe("failed");
    expect((await get(receiptRoute, members.finance.id, "/r", { accountId: account.id, paymentId: r.payment.id })).status).toBe(404);
  });
});

describe("payments history", () => {
  it("the CSV lists top-ups and refunds with method and status, in cents and micro-dollars, refunds negative, filtered by kind", async () => {
    const t = await paidTopUp(dollars(100));
    const declined = await saveProviderMethod(db(), { accountId: t.accountId, provider: "test", method: testProvider.tokenizeCard({ number: TEST_CARDS.declined, expiry: "12/40", cvc: "123" }), who: { userId: t.finance.id } });
    await topUpWithMethod(db(), { accountId: t.accountId, methodId: declined.id, amount: dollars(25), requestId: crypto.randomUUID(), userId: t.finance.id });
    const staffUser = await createUser(db(), { staffRole: "finance" });
    await refundPayment(db(), { paymentId: t.payment.id, amount: dollars(60), reason: "customer asked", requestId: crypto.randomUUID(), staffUserId: staffUser.id });

    const res = await get(csvRoute, t.finance.id, "/e", { accountId: t.accountId });
    expect(res.status).toBe(200);
    const text = await bodyText(res);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [head, ...rows] = parseCsv(text.slice(1));
    expect(head).toEqual(["Time (UTC)", "Type", "Status", "Method", "Amount (USD)", "Amount (micro-USD)", "Settled (UTC)", "Receipt number", "Payment ID"]);
    const pick = (r: string[]) => [r[1], r[2], r[3], r[4], r[5], r[7]];
    expect(rows.map(pick)).toEqual([
      ["Refund", "Paid", t.method.label, "-60.00", "-60000000", ""],
      ["Top-up", "Failed", declined.label, "25.00", "25000000", ""],
      ["Top-up", "Paid", t.method.label, "100.00", "100000000", receiptNo(t.payment.id)],
    ]);

    const zh = parseCsv((await bodyText(await get(csvRoute, t.finance.id, "/e?kind=refund", { accountId: t.accountId }, "zh-CN"))).slice(1));
    expect(zh[0]![1]).toBe("类型");
    expect(zh.slice(1).map(pick)).toEqual([["退款", "已支付", t.method.label, "-60.00", "-60000000", ""]]);

    const other = await paidTopUp();
    expect((await get(csvRoute, other.finance.id, "/e", { accountId: t.accountId })).status).toBe(404);
    expect((await get(csvRoute, t.member.id, "/e", { accountId: t.accountId })).status).toBe(403);
  });

  it("pages through payments and refunds together by cursor, each row once, newest first", async () => {
    const t = await paidTopUp(dollars(10));
    for (let i = 0; i < 3; i++) await topUpWithMethod(db(), { accountId: t.accountId, methodId: t.method.id, amount: dollars(11 + i), requestId: crypto.randomUUID(), userId: t.finance.id });
    const staffUser = await createUser(db(), { staffRole: "finance" });
    for (const amount of [dollars(1), dollars(2)]) await refundPayment(db(), { paymentId: t.payment.id, amount, reason: "partial", requestId: crypto.randomUUID(), staffUserId: staffUser.id });
    const all = (await listPaymentHistory(db(), { accountId: t.accountId, limit: 100 })).rows;
    expect(all).toHaveLength(6);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listPaymentHistory>> = await listPaymentHistory(db(), { accountId: t.accountId, limit: 4, cursor });
      expect(page.rows.length).toBeLessThanOrEqual(4);
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((r) => r.id));
    expect(all.map((r) => r.amount)).toEqual([-dollars(2), -dollars(1), dollars(13), dollars(12), dollars(11), dollars(10)]);
    expect((await listPaymentHistory(db(), { accountId: t.accountId, kind: "refund" })).rows).toHaveLength(2);
    expect((await listPaymentHistory(db(), { accountId: t.accountId, status: "failed" })).rows).toHaveLength(0);
  });
});
