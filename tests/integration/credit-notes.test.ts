import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { PDFParse } from "pdf-parse";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { rowsOf } from "@/db/rows";
import { billingEvents, billingProfiles, creditNotes, emailOutbox, ledgerTransactions, users } from "@/db/schema";
import { atTime } from "@/lib/clock";
import { issueCreditNote } from "@/lib/credit-notes/issue";
import { renderCreditNotePdf } from "@/lib/credit-notes/pdf/render";
import { buildCreditNoteViewModel } from "@/lib/credit-notes/view-model";
import { invoiceTaxKey, issueInvoice } from "@/lib/invoices/issue";
import { periodOf } from "@/lib/invoices/period";
import { getInvoice, listInvoices } from "@/lib/invoices/read";
import { outstandingAmount } from "@/lib/invoices/status";
import { chargeUsage, setCreditLimit, topUp } from "@/lib/ledger";
import { dollars, formatMoney } from "@/lib/money";
import { useTestDb, onPostgres } from "../fixtures/db";
import { createAccount, createUser } from "../fixtures/factories";
import { parseCsv } from "../fixtures/csv";
import { withCreditNoteLines } from "@/lib/credit-notes/csv";
import { creditNotesOfInvoices } from "@/lib/credit-notes/read";
import { invoiceListCsvLines } from "@/lib/invoices/csv";
import { approveRequest, postCreditNote } from "@/lib/staff/four-eyes";
import { getBalances } from "@/db/queries/balances";
import { saveProviderMethod } from "@/lib/payments/methods";
import { refundPayment } from "@/lib/payments/refund";
import { testProvider } from "@/lib/payments/registry";
import { TEST_CARDS } from "@/lib/payments/test-provider";
import { topUpWithMethod } from "@/lib/payments/top-up";
import { key, staff, system } from "../fixtures/ledger";

process.env.AUTH_SECRET ??= "test-secret-for-credit-notes";
// Singapore's GST, so that a credit note on a taxed invoice credits its tax too.
process.env.TAX_RULES = JSON.stringify([{ country: "SG", rateBps: 900, name: { en: "GST", "zh-CN": "商品及服务税" } }]);
const handle = useTestDb({ max: 8 });
const db = () => handle().db;
const CENT = 10_000n;
const cents = (n: number) => BigInt(n) * CENT;
const PERIOD = "2031-03";
const MID = new Date("2031-03-12T10:00:00Z");
const ISSUED = new Date("2031-04-05T00:30:00Z");
const LATER = new Date("2031-04-09T08:00:00Z");

beforeAll(() => {
  // Fail loudly if the test clock ever falls inside the month it bills.
  expect(periodOf(PERIOD).end.getTime()).toBeLessThan(ISSUED.getTime());
});

/**
 * An account of the test's own with a March 2031 invoice: a top-up of `paid`, charges of
 * `charges` (the part above the top-up is on credit, so the invoice has an amount due), in
 * Singapore when `sg` (9 % GST). The finance member reads 简体中文.
 */
async function invoicedMonth(o: { paid: bigint; charges: bigint[]; sg?: boolean }) {
  const { account, members } = await createAccount(db(), ["owner", "finance", "member"]);
  await db().update(users).set({ locale: "zh-CN" }).where(eq(users.id, members.finance.id));
  if (o.sg) await db().insert(billingProfiles).values({ accountId: account.id, companyName: "Lion Pte Ltd", country: "SG" });
  await atTime(MID, async () => {
    await setCreditLimit(db(), { accountId: account.id, creditLimit: dollars(100_000), reason: "test", actor: staff });
    if (o.paid > 0n) await topUp(db(), { accountId: account.id, amount: o.paid, provider: "test", idempotencyKey: key("top"), actor: system });
    for (const amount of o.charges) await chargeUsage(db(), { accountId: account.id, amount, idempotencyKey: key("u"), actor: system, description: "GPU hours" });
  });
  const r = await atTime(ISSUED, () => issueInvoice(db(), { accountId: account.id, period: PERIOD, now: ISSUED }));
  if (r.status !== "issued") throw new Error(`no invoice: ${r.status}`);
  return { accountId: account.id, members, invoice: r.invoice };
}

const credit = (accountId: string, invoiceId: string, amount: bigint, requestKey = key("cn")) =>
  atTime(LATER, () => issueCreditNote(db(), { accountId, invoiceId, kind: "adjustment", reason: "Duplicate GPU charge", amount, requestKey, actor: { kind: "staff", userId: null }, now: LATER }));

async function outstanding(accountId: string, invoiceId: string) {
  const inv = (await getInvoice(db(), { accountId, invoiceId, now: LATER }))!.invoice;
  return outstandingAmount(inv);
}

describe("credit notes", () => {
  it("reduce the invoice's amount due by their amount and credit the balance in the ledger", async () => {
    const { accountId, invoice } = await invoicedMonth({ paid: dollars(20), charges: [dollars(70), dollars(30)] });
    expect(invoice.amountDue).toBe(dollars(80));
    const { note } = await credit(accountId, invoice.id, dollars(25));
    expect(note.number).toMatch(/^CN\d{8}$/);
    expect(note.total).toBe(dollars(25));
    expect(await outstanding(accountId, invoice.id)).toBe(dollars(55));
    const [listed] = await listInvoices(db(), { accountId, limit: 5, now: LATER });
    expect(outstandingAmount(listed!)).toBe(dollars(55));
    const [tx] = await db().select().from(ledgerTransactions).where(eq(ledgerTransactions.id, note.ledgerTransactionId));
    expect(tx!.type).toBe("credit_note");
    expect(tx!.description).toContain(invoice.number);
  });

  it("cannot take more than what is left to credit on the invoice; a refusal writes nothing", async () => {
    const { accountId, invoice } = await invoicedMonth({ paid: dollars(10), charges: [dollars(40)] });
    await credit(accountId, invoice.id, dollars(30));
    await expect(credit(accountId, invoice.id, dollars(10) + CENT)).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(credit(accountId, invoice.id, 5_000n)).rejects.toMatchObject({ code: "VALIDATION" }); // half a cent
    expect(await db().select().from(creditNotes).where(eq(creditNotes.invoiceId, invoice.id))).toHaveLength(1);
    await credit(accountId, invoice.id, dollars(10));
    expect(await outstanding(accountId, invoice.id)).toBe(0n);
    await expect(credit(accountId, invoice.id, CENT)).rejects.toMatchObject({ code: "VALIDATION" });
    // Another account's invoice is not found.
    const other = await invoicedMonth({ paid: 0n, charges: [dollars(5)] });
    await expect(credit(other.accountId, invoice.id, CENT)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("credits the invoice's tax with it, at the invoice's rate", async () => {
    const { accountId, invoice } = await invoicedMonth({ paid: 0n, charges: [dollars(100)], sg: true });
    expect(invoice.tax).toBe(dollars(9));
    const { note } = await credit(accountId, invoice.id, dollars(50));
    expect([note.net, note.tax, note.total]).toEqual([dollars(50), cents(450), cents(5450)]);
    expect(await outstanding(accountId, invoice.id)).toBe(dollars(109) - cents(5450));
  });

  it("is posted once when the same request is sent again", async () => {
    const { accountId, invoice } = await invoicedMonth({ paid: 0n, charges: [dollars(12)] });
    const requestKey = key("retry");
    const [a, b] = [await credit(accountId, invoice.id, dollars(2), requestKey), await credit(accountId, invoice.id, dollars(2), requestKey)];
    expect(b.replayed).toBe(true);
    // One credit_note.issued event, with the note's figures.
    const events = await db().select().from(billingEvents).where(and(eq(billingEvents.accountId, accountId), eq(billingEvents.type, "credit_note.issued")));
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.body).data.creditNote).toMatchObject({ number: a.note.number, invoiceNumber: invoice.number, total: { amount: "2.000000" } });
    expect(b.note.id).toBe(a.note.id);
    const posted = await db().select().from(ledgerTransactions).where(and(eq(ledgerTransactions.accountId, accountId), eq(ledgerTransactions.type, "credit_note")));
    expect(posted).toHaveLength(1);
    expect(await outstanding(accountId, invoice.id)).toBe(dollars(10));
  });

  it("is immutable: the database refuses UPDATE and DELETE", async () => {
    const { accountId, invoice } = await invoicedMonth({ paid: 0n, charges: [dollars(3)] });
    const { note } = await credit(accountId, invoice.id, dollars(1));
    await expect(db().update(creditNotes).set({ reason: "changed" }).where(eq(creditNotes.id, note.id))).rejects.toThrow();
    await expect(db().delete(creditNotes).where(eq(creditNotes.id, note.id))).rejects.toThrow();
    const [still] = await db().select().from(creditNotes).where(eq(creditNotes.id, note.id));
    expect(still!.reason).toBe("Duplicate GPU charge");
  });

  it("is emailed to the billing contacts, each in their own language", async () => {
    const { accountId, invoice, members } = await invoicedMonth({ paid: 0n, charges: [dollars(8)] });
    const { note } = await credit(accountId, invoice.id, dollars(3));
    const mails = await db().select().from(emailOutbox).where(and(eq(emailOutbox.accountId, accountId), eq(emailOutbox.template, "credit-note-issued")));
    const by = new Map(mails.map((m) => [m.to, m]));
    expect([...by.keys()].sort()).toEqual([members.owner.email, members.finance.email].sort());
    expect(by.get(members.owner.email)!.subject).toBe(`Credit note ${note.number} for invoice ${invoice.number}`);
    expect(by.get(members.finance.email)!.subject).toBe(`发票 ${invoice.number} 的贷项通知单 ${note.number}`);
    expect(by.get(members.finance.email)!.text).toContain("应付 US$5.00");
  });

  it("has a PDF with its number, the invoice's number and the amount, in both languages", async () => {
    const { accountId, invoice } = await invoicedMonth({ paid: 0n, charges: [cents(4850)] });
    const { note } = await credit(accountId, invoice.id, cents(1234));
    for (const locale of ["en", "zh-CN"] as const) {
      const pdf = await renderCreditNotePdf(buildCreditNoteViewModel(note, invoice, locale));
      const text = (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text;
      expect(text).toContain(note.number);
      expect(text).toContain(invoice.number);
      expect(text).toContain(formatMoney(-cents(1234), locale));
      expect(text).toContain(locale === "en" ? "Credit note" : "贷项通知单");
    }
  });

  it("from staff count with their adjustments: above the four-eyes threshold it waits, and a second person's approval issues it once", async () => {
    const { accountId, invoice } = await invoicedMonth({ paid: 0n, charges: [dollars(900)] });
    const [first, second] = [await createUser(db(), { staffRole: "finance" }), await createUser(db(), { staffRole: "finance" })];
    vi.stubEnv("FOUR_EYES_THRESHOLD_USD", "500");
    try {
      const ask = (net: bigint) => atTime(LATER, () => postCreditNote(db(), { requestId: crypto.randomUUID(), accountId, invoiceId: invoice.id, net, kind: "correction", reason: "Wrong rate on March", actor: { userId: first.id } }));
      expect(await ask(dollars(300))).toMatchObject({ status: "posted", result: { number: expect.stringMatching(/^CN/) } });
      const pending = await ask(dollars(300));
      expect(pending.status).toBe("pending");
      expect(await db().select().from(creditNotes).where(eq(creditNotes.invoiceId, invoice.id))).toHaveLength(1);
      await expect(approveRequest(db(), { approvalId: (pending as { approvalId: string }).approvalId, actor: { userId: first.id } })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await atTime(LATER, () => approveRequest(db(), { approvalId: (pending as { approvalId: string }).approvalId, actor: { userId: second.id } }));
    } finally {
      vi.unstubAllEnvs();
    }
    const notes = await db().select().from(creditNotes).where(eq(creditNotes.invoiceId, invoice.id));
    expect(notes.map((n) => [n.kind, n.total])).toEqual([["correction", dollars(300)], ["correction", dollars(300)]]);
    expect(await outstanding(accountId, invoice.id)).toBe(dollars(300));
  });

  it("a refund of an invoice's charges issues a refund credit note (tax inside the amount); a plain top-up refund does not", async () => {
    const { accountId, invoice, members } = await invoicedMonth({ paid: 0n, charges: [dollars(100)], sg: true });
    const userId = members.finance.id;
    const method = await saveProviderMethod(db(), { accountId, provider: "test", method: testProvider.tokenizeCard({ number: TEST_CARDS.succeeds, expiry: "12/40", cvc: "123" }), who: { userId } });
    const { payment } = await atTime(LATER, () => topUpWithMethod(db(), { accountId, methodId: method.id, amount: dollars(200), requestId: crypto.randomUUID(), userId }));
    const staffUser = await createUser(db(), { staffRole: "finance" });
    const refund = await atTime(LATER, () => refundPayment(db(), { paymentId: payment.id, amount: dollars(109), reason: "Service outage in March", requestId: crypto.randomUUID(), staffUserId: staffUser.id, creditInvoiceId: invoice.id }));
    const [note] = await db().select().from(creditNotes).where(eq(creditNotes.invoiceId, invoice.id));
    expect(note).toMatchObject({ kind: "refund", refundId: refund.id, total: dollars(109), tax: dollars(9), net: dollars(100) });
    // The credit note gave back what the refund took: the balance is what the top-up left after paying the invoice.
    expect((await getBalances(db(), { accountId })).balance).toBe(dollars(200) - dollars(109));
    await atTime(LATER, () => refundPayment(db(), { paymentId: payment.id, amount: dollars(10), reason: "Unspent funds", requestId: crypto.randomUUID(), staffUserId: staffUser.id }));
    expect(await db().select().from(creditNotes).where(eq(creditNotes.invoiceId, invoice.id))).toHaveLength(1);
    await expect(
      atTime(LATER, () => refundPayment(db(), { paymentId: payment.id, amount: CENT, reason: "Nothing left", requestId: crypto.randomUUID(), staffUserId: staffUser.id, creditInvoiceId: invoice.id })),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("are listed in the invoices CSV after their invoice, negative", async () => {
    const { accountId, invoice } = await invoicedMonth({ paid: 0n, charges: [dollars(60)] });
    const { note } = await credit(accountId, invoice.id, dollars(15));
    const rows = await listInvoices(db(), { accountId, limit: 10, now: LATER });
    const csv = parseCsv(withCreditNoteLines(invoiceListCsvLines(rows, "en"), rows, await creditNotesOfInvoices(db(), { accountId, invoiceIds: [invoice.id] }), "en").join("\n"));
    expect(csv.map((r) => r[0])).toEqual(["Invoice number", invoice.number, note.number]);
    expect(csv[2]!.slice(4)).toEqual([`Credit note for ${invoice.number}`, "-15.00", "0.00", "0.00", "0.00", "-15.00", ""]);
    expect(csv[1]![10]).toBe("45.00");
  });

  it.skipIf(!onPostgres())("numbers are unique and gapless when issued in parallel, a refused one included", async () => {
    const months = await Promise.all(Array.from({ length: 6 }, () => invoicedMonth({ paid: 0n, charges: [dollars(10)] })));
    const results = await Promise.allSettled(
      months.flatMap((m, i) => [credit(m.accountId, m.invoice.id, dollars(4)), credit(m.accountId, m.invoice.id, i === 0 ? dollars(20) : dollars(3))]),
    );
    const issued = results.flatMap((r) => (r.status === "fulfilled" ? [Number(r.value.note.number.slice(2))] : []));
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    expect(new Set(issued).size).toBe(11);
    const sorted = [...issued].sort((a, b) => a - b);
    expect(sorted[sorted.length - 1]! - sorted[0]!).toBe(10);
  });
});

/** What the ledger says the account owes for the month: its charges to cash in the month and the invoice's tax, less the credit notes posted for that invoice. */
async function ledgerOwed(accountId: string, invoiceId: string): Promise<bigint> {
  const p = periodOf(PERIOD);
  const [row] = await rowsOf(
    db(),
    sql`select coalesce(-sum(e.amount), 0) as owed
        from ledger_transactions t join ledger_entries e on e.transaction_id = t.id join ledger_accounts a on a.id = e.ledger_account_id and a.kind = 'cash'
        where t.account_id = ${accountId}::uuid and (
          (t.type in ('usage', 'subscription') and t.created_at >= ${p.start.toISOString()}::timestamptz and t.created_at < ${p.end.toISOString()}::timestamptz)
          or t.idempotency_key = ${invoiceTaxKey(accountId, PERIOD)}
          or t.id in (select n.ledger_transaction_id from credit_notes n where n.invoice_id = ${invoiceId}::uuid))`,
  );
  return BigInt(String(row!.owed));
}

describe("invoice total − credit notes = what the ledger says is owed for the month (property)", () => {
  it("to the cent, over random charges, taxes and credit notes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 90_000_000 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 4_000 }), { minLength: 1, maxLength: 4 }),
        async (charges, sg, cents) => {
          const { accountId, invoice } = await invoicedMonth({ paid: dollars(5), charges: charges.map(BigInt), sg });
          let credited = 0n;
          for (const c of cents) {
            try {
              credited += (await credit(accountId, invoice.id, BigInt(c) * CENT)).note.total;
            } catch (e) {
              // Only "more than what is left" may refuse.
              expect(e).toMatchObject({ code: "VALIDATION" });
            }
          }
          expect(credited).toBeLessThanOrEqual(invoice.total);
          expect(invoice.total - credited).toBe(await ledgerOwed(accountId, invoice.id));
        },
      ),
      { numRuns: 10, seed: 20_310_312 },
    );
  });
});
