import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getBalances } from "@/db/queries/balances";
import { creditNotes, invoiceLines, ledgerTransactions, paymentRefunds, staffApprovals } from "@/db/schema";
import { atTime } from "@/lib/clock";
import { creditableInvoices } from "@/lib/credit-notes/read";
import { issueInvoice } from "@/lib/invoices/issue";
import { getInvoice } from "@/lib/invoices/read";
import { outstandingAmount } from "@/lib/invoices/status";
import { chargeUsage, setCreditLimit } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { saveProviderMethod } from "@/lib/payments/methods";
import { testProvider } from "@/lib/payments/registry";
import { TEST_CARDS } from "@/lib/payments/test-provider";
import { topUpWithMethod } from "@/lib/payments/top-up";
import { useTestDb } from "../fixtures/db";
import { createAccount, createUser } from "../fixtures/factories";
import { key, staff, system } from "../fixtures/ledger";

// The staff forms' three ways to a credit note, through their server actions as Next.js runs
// them (only the session cookie and the request headers are stood in for).
const session = vi.hoisted(() => ({ uid: null as string | null }));
vi.mock("@/lib/auth/index", () => ({ auth: async () => (await import("../fixtures/sessions")).signedInAs(session.uid) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { refundPaymentAction } = await import("@/lib/actions/payments/staff");
const { postAdjustmentAction } = await import("@/lib/actions/staff/money");
const { issueCreditNoteAction } = await import("@/lib/actions/staff/issue-credit-note");
const { approveRequestAction } = await import("@/lib/actions/staff/approvals");

process.env.AUTH_SECRET ??= "test-secret-for-credit-note-forms";
const h = useTestDb();
const db = () => h().db;
const as = (userId: string | null) => (session.uid = userId);
const PERIOD = "2031-05";
const MID = new Date("2031-05-12T10:00:00Z");
const ISSUED = new Date("2031-06-03T00:30:00Z");
const LATER = new Date("2031-06-08T09:00:00Z");

/** An account of the test's own with a May 2031 invoice of two usage lines ($70 and $30), all on credit. */
async function invoicedMonth() {
  const { account, members } = await createAccount(db(), ["owner", "finance"]);
  await atTime(MID, async () => {
    await setCreditLimit(db(), { accountId: account.id, creditLimit: dollars(10_000), reason: "test", actor: staff });
    await chargeUsage(db(), { accountId: account.id, amount: dollars(70), idempotencyKey: key("u"), actor: system, description: "GPU hours" });
    await chargeUsage(db(), { accountId: account.id, amount: dollars(30), idempotencyKey: key("u"), actor: system, description: "Storage" });
  });
  const r = await atTime(ISSUED, () => issueInvoice(db(), { accountId: account.id, period: PERIOD, now: ISSUED }));
  if (r.status !== "issued") throw new Error(`no invoice: ${r.status}`);
  return { accountId: account.id, members, invoice: r.invoice };
}

const amountDue = async (accountId: string, invoiceId: string) => outstandingAmount((await getInvoice(db(), { accountId, invoiceId, now: LATER }))!.invoice);
const notesOf = (invoiceId: string) => db().select().from(creditNotes).where(eq(creditNotes.invoiceId, invoiceId));
const finance = async () => as((await createUser(db(), { staffRole: "finance" })).id);

async function paidByCard(accountId: string, userId: string, amount: bigint) {
  const method = await saveProviderMethod(db(), { accountId, provider: "test", method: testProvider.tokenizeCard({ number: TEST_CARDS.succeeds, expiry: "12/40", cvc: "123" }), who: { userId } });
  return (await atTime(LATER, () => topUpWithMethod(db(), { accountId, methodId: method.id, amount, requestId: crypto.randomUUID(), userId }))).payment;
}

describe("staff forms that credit an issued invoice", () => {
  it("a refund that credits an invoice issues a refund credit note and lowers what is left to credit on it; without one it is a refund of prepaid funds, no note", async () => {
    const { accountId, invoice, members } = await invoicedMonth();
    const payment = await paidByCard(accountId, members.finance.id, dollars(200));
    // The top-up paid the invoice (a refund needs the money on the balance): what the note lowers is what is left to credit.
    expect(await amountDue(accountId, invoice.id)).toBe(0n);
    expect((await creditableInvoices(db(), { accountId })).map((i) => [i.number, i.remaining])).toEqual([[invoice.number, dollars(100)]]);

    await finance();
    const refund = (amount: string, creditInvoiceId: string) => atTime(LATER, () => refundPaymentAction({ paymentId: payment.id, amount, reason: "Outage on the GPU cluster", requestId: crypto.randomUUID(), creditInvoiceId }));
    expect(await refund("40", invoice.id)).toMatchObject({ ok: true, data: { status: "succeeded", amount: String(dollars(40)) } });
    const [note] = await notesOf(invoice.id);
    expect(note).toMatchObject({ kind: "refund", total: dollars(40) });
    expect((await creditableInvoices(db(), { accountId })).map((i) => i.remaining)).toEqual([dollars(60)]);
    // The note gave back what the refund took: the balance is as before.
    const balance = (await getBalances(db(), { accountId })).balance;

    expect(await refund("25", "")).toMatchObject({ ok: true, data: { status: "succeeded" } });
    expect(await notesOf(invoice.id)).toHaveLength(1);
    expect((await getBalances(db(), { accountId })).balance).toBe(balance - dollars(25));
    expect(await db().select().from(paymentRefunds).where(eq(paymentRefunds.paymentId, payment.id))).toHaveLength(2);

    // More than is left on the invoice: refused, and neither the refund nor a note is written.
    expect(await refund("60.01", invoice.id)).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { amount: ["creditNotes.errors.tooLarge"] } });
    // Another account's invoice is not found; a malformed id is a field error.
    const other = await invoicedMonth();
    expect(await refund("1", other.invoice.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await refund("1", "INV-1")).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { creditInvoiceId: ["payments.errors.creditInvoice"] } });
    expect(await db().select().from(paymentRefunds).where(eq(paymentRefunds.paymentId, payment.id))).toHaveLength(2);
    expect(await notesOf(invoice.id)).toHaveLength(1);
    expect(await notesOf(other.invoice.id)).toHaveLength(0);
  });

  it("an adjustment that credits an invoice is a credit note of kind adjustment on it; without one a bare adjustment", async () => {
    const { accountId, invoice } = await invoicedMonth();
    await finance();
    const adjust = (amount: string, direction: string, creditInvoiceId: string) =>
      atTime(LATER, () => postAdjustmentAction({ accountId, amount, direction, reason: "Goodwill for the outage", requestId: crypto.randomUUID(), creditInvoiceId }));
    const before = (await getBalances(db(), { accountId })).balance;
    const r = await adjust("30", "credit", invoice.id);
    expect(r).toMatchObject({ ok: true, data: { status: "posted", creditNote: expect.stringMatching(/^CN\d{8}$/) } });
    const [note] = await notesOf(invoice.id);
    expect(note).toMatchObject({ kind: "adjustment", total: dollars(30), reason: "Goodwill for the outage" });
    expect(await amountDue(accountId, invoice.id)).toBe(dollars(70));
    expect((await getBalances(db(), { accountId })).balance).toBe(before + dollars(30));
    const [tx] = await db().select().from(ledgerTransactions).where(eq(ledgerTransactions.id, note!.ledgerTransactionId));
    expect(tx!.type).toBe("credit_note");

    expect(await adjust("5", "credit", "")).toMatchObject({ ok: true, data: { status: "posted", creditNote: null } });
    expect(await notesOf(invoice.id)).toHaveLength(1);
    expect((await getBalances(db(), { accountId })).balance).toBe(before + dollars(35));

    // A debit cannot credit an invoice, and a credit cannot exceed what is left on it: nothing is written.
    expect(await adjust("5", "debit", invoice.id)).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { creditInvoiceId: ["staff.money.errors.creditInvoiceDebit"] } });
    expect(await adjust("70.01", "credit", invoice.id)).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { amount: ["creditNotes.errors.tooLarge"] } });
    expect(await notesOf(invoice.id)).toHaveLength(1);
    expect((await getBalances(db(), { accountId })).balance).toBe(before + dollars(35));

    // Support staff see no form, and the action refuses them.
    as((await createUser(db(), { staffRole: "support" })).id);
    expect(await adjust("1", "credit", invoice.id)).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("a line correction credits at most what is left of that line; over it is refused and nothing is written", async () => {
    const { accountId, invoice } = await invoicedMonth();
    const lines = await db().select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id));
    const storage = lines.find((l) => l.itemEn.includes("Storage") || l.net === dollars(30))!;
    expect(storage.net).toBe(dollars(30));
    await finance();
    const correct = (amount: string, line: string) =>
      atTime(LATER, () => issueCreditNoteAction({ accountId, invoiceId: invoice.id, kind: "correction", amount, line, reason: "Storage billed twice", requestId: crypto.randomUUID() }));

    expect(await correct("20", String(storage.position))).toMatchObject({ ok: true, data: { status: "posted" } });
    const [note] = await notesOf(invoice.id);
    expect(note!.lines).toEqual([expect.objectContaining({ invoiceLinePosition: storage.position, amount: String(dollars(20)) })]);
    expect(await amountDue(accountId, invoice.id)).toBe(dollars(80));

    // $10 is left of the line: $10.01 is refused, though the invoice has $80 left.
    const balance = (await getBalances(db(), { accountId })).balance;
    expect(await correct("10.01", String(storage.position))).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { amount: ["creditNotes.errors.tooLarge"] } });
    expect(await correct("1", "9999")).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { line: ["creditNotes.errors.line"] } });
    expect(await correct("1", "first")).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { line: ["creditNotes.errors.line"] } });
    expect(await notesOf(invoice.id)).toHaveLength(1);
    expect((await getBalances(db(), { accountId })).balance).toBe(balance);
    expect(await db().select().from(staffApprovals).where(eq(staffApprovals.accountId, accountId))).toHaveLength(0);

    expect(await correct("10", String(storage.position))).toMatchObject({ ok: true, data: { status: "posted" } });
    // A whole-invoice note still takes from the rest.
    expect(await correct("70", "")).toMatchObject({ ok: true, data: { status: "posted" } });
    expect(await amountDue(accountId, invoice.id)).toBe(0n);
    expect(await creditableInvoices(db(), { accountId })).toEqual([]);
  });

  it("a line correction past the four-eyes threshold waits with its line and is issued on that line when a second person approves; one over the line's remainder is refused before it waits", async () => {
    const { accountId, invoice } = await invoicedMonth();
    const [line] = await db().select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(invoiceLines.position);
    const before = process.env.FOUR_EYES_THRESHOLD_USD;
    process.env.FOUR_EYES_THRESHOLD_USD = "5";
    try {
      await finance();
      const correct = (amount: string) => atTime(LATER, () => issueCreditNoteAction({ accountId, invoiceId: invoice.id, kind: "correction", amount, line: String(line!.position), reason: "Wrong rate on this line", requestId: crypto.randomUUID() }));
      expect(await correct(String(Number(line!.net / 1_000_000n) + 1))).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { amount: ["creditNotes.errors.tooLarge"] } });
      expect(await db().select().from(staffApprovals).where(eq(staffApprovals.accountId, accountId))).toHaveLength(0);
      expect(await correct("12")).toMatchObject({ ok: true, data: { status: "pending", number: null } });
      const [approval] = await db().select().from(staffApprovals).where(eq(staffApprovals.accountId, accountId));
      expect(approval!.creditNote).toEqual({ invoiceId: invoice.id, kind: "correction", linePosition: line!.position });
      expect(await notesOf(invoice.id)).toHaveLength(0);
      await finance();
      expect(await atTime(LATER, () => approveRequestAction({ approvalId: approval!.id, note: "" }))).toMatchObject({ ok: true });
      const [note] = await notesOf(invoice.id);
      expect(note!.lines).toEqual([expect.objectContaining({ invoiceLinePosition: line!.position, amount: String(dollars(12)) })]);
      expect(await amountDue(accountId, invoice.id)).toBe(dollars(88));
    } finally {
      if (before === undefined) delete process.env.FOUR_EYES_THRESHOLD_USD;
      else process.env.FOUR_EYES_THRESHOLD_USD = before;
    }
  });
});
