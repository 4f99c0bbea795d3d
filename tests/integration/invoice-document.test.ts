import { beforeAll, describe, expect, it } from "vitest";
import { activateResource } from "@/lib/billing/activate";
import { runBilling } from "@/lib/billing/run";
import { atTime } from "@/lib/clock";
import { invoiceCsvLines } from "@/lib/invoices/csv";
import { invoicePdf } from "@/lib/invoices/documents";
import { issueInvoice } from "@/lib/invoices/issue";
import { getInvoice } from "@/lib/invoices/read";
import { buildInvoiceViewModel } from "@/lib/invoices/view-model";
import { setCreditLimit, topUp } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { pdfText } from "../e2e/pdf";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount, key, staff, system } from "../fixtures/ledger";

const handle = useTestDb({ max: 4 });
const db = () => handle().db;
const APRIL_2 = new Date("2032-04-02T00:00:00Z");

beforeAll(async () => ensureCatalogue(db()));

const textOf = (pdf: Uint8Array) => pdfText(Buffer.from(pdf));
/** The PDF's text without white space: react-pdf breaks lines (and CJK words) wherever the column ends. */
const flat = (s: string) => s.replace(/\s+/g, "");

/**
 * An account on credit whose resources straddle the start of April 2032: an hourly one
 * (2 units at $0.06 an hour) and a daily one ($2.40 a day) started on 31 March at 22:00,
 * all of it charged by the billing run on 2 April, so April's invoice carries the last two
 * hours of March and March's last day. Issued on 5 May; nothing of it was paid from a balance.
 */
async function straddlingInvoice() {
  const acct = await createAccount(db());
  const started = new Date("2032-03-31T22:00:00Z");
  await atTime(started, async () => {
    await setCreditLimit(db(), { accountId: acct, creditLimit: dollars(500), reason: "test", actor: staff });
    await activateResource(db(), { accountId: acct, productId: "test.hourly", quantity: 2, actor: system, idempotencyKey: key("a"), now: started });
    await activateResource(db(), { accountId: acct, productId: "test.daily", quantity: 1, actor: system, idempotencyKey: key("a"), now: started });
  });
  await atTime(new Date("2032-04-02T00:05:00Z"), () => runBilling(db(), { until: APRIL_2, accountIds: [acct] }));
  const r = await issueInvoice(db(), { accountId: acct, period: "2032-04", now: new Date("2032-05-05T00:00:00Z"), notify: false });
  if (r.status !== "issued") throw new Error(`nothing issued: ${r.status}`);
  return { acct, invoiceId: r.invoice.id };
}

const readAt = (acct: string, invoiceId: string, now: Date) => getInvoice(db(), { accountId: acct, invoiceId, now }).then((d) => d!);

describe("an invoice that reads right", () => {
  it("keeps every line's start and end inside its period when charges straddle the month's start", async () => {
    const { acct, invoiceId } = await straddlingInvoice();
    const data = await readAt(acct, invoiceId, new Date("2032-05-06T00:00:00Z"));
    const usage = data.lines.filter((l) => l.kind === "usage");
    expect(usage).toHaveLength(2);
    for (const l of data.lines.filter((x) => x.startedAt)) {
      expect(l.startedAt!.getTime(), l.itemEn).toBeGreaterThanOrEqual(data.invoice.periodStart.getTime());
      expect(l.endedAt!.getTime(), l.itemEn).toBeLessThanOrEqual(data.invoice.periodEnd.getTime());
      expect(l.endedAt!.getTime(), l.itemEn).toBeGreaterThanOrEqual(l.startedAt!.getTime());
    }
    const hourly = usage.find((l) => l.productId === "test.hourly")!;
    // 26 hours charged (two of them in March), two units: 52 hours at $0.06; the dates say 1 April 00:00 to 2 April 00:00.
    expect(hourly.startedAt).toEqual(new Date("2032-04-01T00:00:00Z"));
    expect(hourly.endedAt).toEqual(APRIL_2);
    const vm = buildInvoiceViewModel(data, "en");
    const line = vm.lines.find((l) => l.position === hourly.position)!;
    expect(line.usage).toBe("52 hours × $0.06");
    expect([line.start, line.end]).toEqual(["2032-04-01 00:00", "2032-04-01 24:00"]);
    expect(vm.lines.every((l) => !l.start.startsWith("2032-03"))).toBe(true);
    // The CSV: start and end in the period, quantity and unit apart, reductions negative.
    const csv = invoiceCsvLines(vm, data.lines);
    expect(csv[0]).toContain("Start,End,Quantity,Unit,Unit price");
    expect(csv.find((r) => r.includes("52,hour,0.06"))).toContain("2032-04-01 00:00,2032-04-01 24:00,52,hour,0.06,3.12,0.00");
  });

  it("marks the PDF UNPAID at issue, PARTIALLY PAID and PAID as money arrives, with due date, terms, page numbers and the formatted line, in English and 简体中文", async () => {
    const { acct, invoiceId } = await straddlingInvoice();
    const issued = await readAt(acct, invoiceId, new Date("2032-05-06T00:00:00Z"));
    expect(issued.invoice.amountDue).toBeGreaterThan(0n);
    const original = await invoicePdf(db(), issued);
    expect(original.stored).toBe(true);

    const en = await textOf(original.pdf);
    expect(en).toMatch(/(^|\s)UNPAID(\s|$)/);
    expect(en).toContain("Status as of 2032-05-05");
    expect(en).toMatch(/Due date\s*2032-05-19/);
    expect(flat(en)).toContain("Net14:payablewithin14daysoftheissuedate");
    expect(flat(en)).toContain(flat(`${issued.invoice.number} · Page 1 of 1`));
    expect(flat(en)).toContain("52hours×$0.06");
    // The daily resource: March's last two hours (1/12 of a day) and 1 April.
    expect(flat(en)).toContain("1.08days×$2.40$2.60");
    expect(en).not.toMatch(/2032-03-31/);

    const zhCopy = flat(await textOf((await invoicePdf(db(), issued, { copy: "zh-CN" })).pdf));
    expect(zhCopy).toContain("未支付");
    expect(zhCopy).toContain("截至2032-05-05的状态");
    expect(zhCopy).toContain("第1页，共1页");
    expect(zhCopy).toContain("自开具之日起14天内付款");
    expect(zhCopy).toContain("52小时×US$0.06");

    // A top-up pays the oldest debt first: the $7.24 owed is the invoice's $5.72 and the running resources' $2.52 held since, so $1.48 of $3 is on this invoice.
    await atTime(new Date("2032-05-10T09:00:00Z"), () => topUp(db(), { accountId: acct, amount: dollars(3), provider: "test", idempotencyKey: key("t"), actor: system }));
    const partly = await atTime(new Date("2032-05-10T10:00:00Z"), async () => invoicePdf(db(), await readAt(acct, invoiceId, new Date("2032-05-10T10:00:00Z"))));
    expect(partly.stored).toBe(false);
    const partlyText = await textOf(partly.pdf);
    expect(partlyText).toContain("PARTIALLY PAID");
    expect(partlyText).toContain("Status as of 2032-05-10");

    await atTime(new Date("2032-05-12T09:00:00Z"), () => topUp(db(), { accountId: acct, amount: dollars(100), provider: "test", idempotencyKey: key("t"), actor: system }));
    const paidData = await readAt(acct, invoiceId, new Date("2032-05-12T10:00:00Z"));
    expect(paidData.invoice.status).toBe("paid");
    const paid = await textOf((await atTime(new Date("2032-05-12T10:00:00Z"), () => invoicePdf(db(), paidData))).pdf);
    expect(paid).toMatch(/(^|\s)PAID(\s|$)/);
    expect(paid).not.toMatch(/UNPAID|PARTIALLY/);
    expect(paid).toContain("Status as of 2032-05-12");
    const paidZh = flat(await textOf((await atTime(new Date("2032-05-12T10:00:00Z"), () => invoicePdf(db(), paidData, { copy: "zh-CN" }))).pdf));
    expect(paidZh).toContain("已支付");
    expect(paidZh).not.toContain("未支付");
    // The stored original is untouched: the issue's mark, served again once nothing differs from it.
    expect((await invoicePdf(db(), issued)).sha256).toBe(original.sha256);
  });
});
