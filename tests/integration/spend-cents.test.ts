import { and, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDatabase, setDbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { getInvoice } from "@/lib/invoices/read";
import { invoices, vouchers } from "@/db/schema";
import { DEMO_ACCOUNTS } from "@/lib/demo/logins";
import { seedDemo } from "@/lib/demo/seed";
import { activateResource } from "@/lib/billing/activate";
import { setAccountDiscount } from "@/lib/billing/discounts";
import { releaseResource } from "@/lib/billing/release";
import { runBilling } from "@/lib/billing/run";
import { monthlySpendOf } from "@/lib/billing/spend";
import { spendChartMonths, spendCsvLines, spendMonthsOf } from "@/lib/billing/spend-months";
import { purchaseSubscription } from "@/lib/billing/subscribe";
import { atTime } from "@/lib/clock";
import type { Locale } from "@/lib/i18n/config";
import { computeInvoiceFigures } from "@/lib/invoices/compute";
import { issueInvoice } from "@/lib/invoices/issue";
import { periodOf } from "@/lib/invoices/period";
import { buildInvoiceViewModel } from "@/lib/invoices/view-model";
import { chargeUsage, exportTransactionsCsv, post, topUp } from "@/lib/ledger";
import { dollars, roundHalfEvenToCents } from "@/lib/money";
import { ensureCatalogue } from "../fixtures/billing";
import { onPostgres, openTestDb } from "../fixtures/db";
import { dropPostgresDatabase, freshPostgresDatabase } from "../fixtures/fresh-database";
import { createAccount, key, system } from "../fixtures/ledger";

// A database of this file's own on PostgreSQL too: the demo here is seeded at its own
// moment, and other files seed the shared database's demo at theirs.
let handle: DbHandle | undefined;
let drop: (() => Promise<void>) | undefined;
beforeAll(async () => {
  if (onPostgres()) {
    const url = await freshPostgresDatabase(`spend_cents_${process.pid}`);
    drop = () => dropPostgresDatabase(url);
    handle = openDatabase({ url, max: 5 });
    await migrateDatabase(handle);
  } else handle = await openTestDb();
  setDbHandle(handle);
}, 120_000);
afterAll(async () => {
  setDbHandle(undefined);
  await handle?.close();
  await drop?.();
});
const db = () => handle!.db;
const H = 3_600_000;
const LOCALES: Locale[] = ["en", "zh-CN"];

/** A shown amount ("$1,352.33", "US$1,352.33", "-$5.00") as whole cents, sign dropped. */
function shown(text: string): bigint {
  const m = /([\d,]+)\.(\d{2})/.exec(text);
  if (!m) throw new Error(`no amount in ${JSON.stringify(text)}`);
  return BigInt(m[1]!.replace(/,/g, "")) * 100n + BigInt(m[2]!);
}
/** Micro-dollars rounded half-even to whole cents, as every page rounds. */
const cents = (micros: bigint) => roundHalfEvenToCents(micros) / 10_000n;
/** A CSV cents field ("2982.78") as whole cents. */
const csvCents = (field: string) => {
  expect(field).toMatch(/^-?\d+\.\d{2}$/);
  return BigInt(field.replace(".", ""));
};

type Figures = { paid: bigint; discount: bigint; voucher: bigint; total: bigint };

/**
 * One closed month as a finance user reads it in three places, in cents: the chart's hover
 * (both languages), the invoice page's summary, and the spend export (whose micro-dollar
 * column rounds to its cents column). Fails unless all three agree.
 */
async function readMonth(accountId: string, period: string, now: Date): Promise<Figures> {
  const [inv] = await db().select().from(invoices).where(and(eq(invoices.accountId, accountId), eq(invoices.period, period)));
  expect(inv, `invoice ${period}`).toBeDefined();
  const full = (await getInvoice(db(), { accountId, invoiceId: inv!.id, now }))!;
  const results: Figures[] = [];
  for (const locale of LOCALES) {
    const summary = Object.fromEntries(buildInvoiceViewModel(full, locale).summary.map((s) => [s.key, shown(s.value)]));
    const invoice: Figures = { paid: summary.total!, discount: summary.discount!, voucher: summary.voucher!, total: summary.gross! };

    const chart = spendChartMonths(await spendMonthsOf(db(), accountId, 12, now), locale).find((m) => m.key === period)!;
    expect(chart.inProgress).toBe(false);
    expect({ paid: shown(chart.paid), discount: shown(chart.discount), voucher: shown(chart.voucher), total: shown(chart.total) }, `chart ${period} ${locale}`).toEqual(invoice);

    const csv = spendCsvLines(await spendMonthsOf(db(), accountId, 12, now, { exact: true }), locale);
    const row = csv.find((l) => l.startsWith(`${period},`))!.split(",");
    expect(row[1]).toBe(inv!.number);
    const pairs = [2, 4, 6, 8].map((i) => {
      expect(cents(BigInt(row[i + 1]!))).toBe(csvCents(row[i]!));
      return csvCents(row[i]!);
    });
    expect({ paid: pairs[0], discount: pairs[1], voucher: pairs[2], total: pairs[3] }, `csv ${period} ${locale}`).toEqual(invoice);
    results.push(invoice);
  }
  expect(results[1]).toEqual(results[0]);
  // The stacked bars add up to the month's total, as the invoice's lines do.
  expect(results[0]!.paid + results[0]!.discount + results[0]!.voucher).toBe(results[0]!.total);
  return results[0]!;
}

describe("the spend chart, the invoice and the exports agree to the cent", () => {
  beforeAll(async () => ensureCatalogue(db()));

  it("for random charge sets: pro-rated increments, discounts, vouchers, a subscription, a direct charge, runs across the month's end", { timeout: 170_000 }, async () => {
    const period = "2031-03";
    const { start, end } = periodOf(period);
    const resource = fc.record({
      product: fc.constantFrom("test.hourly", "test.cheap", "test.daily", "ecs.g7.large", "bms.c6.metal"),
      quantity: fc.integer({ min: 1, max: 3 }),
      // Minutes before the month's end the resource starts, and how long it runs: some
      // charges fall into April, as the run after midnight charges them.
      startsBefore: fc.integer({ min: 30, max: 60 * 40 }),
      runsMinutes: fc.integer({ min: 1, max: 60 * 30 }),
    });
    const charges = fc.record({
      resources: fc.array(resource, { minLength: 1, maxLength: 4 }),
      discountBps: fc.constantFrom(0, 333, 1000, 1250, 2500),
      voucher: fc.option(fc.integer({ min: 1, max: 3_000_000 }), { nil: null }),
      subscription: fc.boolean(),
      direct: fc.option(fc.integer({ min: 1, max: 999_999 }), { nil: null }),
      // Billing runs at these minutes before the month's end (besides the one after it).
      runs: fc.uniqueArray(fc.integer({ min: 1, max: 60 * 40 }), { maxLength: 3 }),
    });

    await fc.assert(
      fc.asyncProperty(charges, async (c) => {
        const acct = await createAccount(db());
        const at = (minutesBeforeEnd: number) => new Date(end.getTime() - minutesBeforeEnd * 60_000);
        await atTime(new Date(start.getTime() + H), async () => {
          await topUp(db(), { accountId: acct, amount: dollars(5000), provider: "test", idempotencyKey: key("t"), actor: system });
          if (c.discountBps > 0) await setAccountDiscount(db(), { accountId: acct, productId: null, rateBps: c.discountBps, reason: "test", actor: system });
          if (c.voucher !== null) {
            const amount = BigInt(c.voucher);
            const [v] = await db().insert(vouchers).values({ codeHash: key("v"), accountId: acct, faceValue: amount, productIds: [], validFrom: start, validUntil: new Date(end.getTime() + 30 * 86_400_000) }).returning();
            await post(db(), {
              idempotencyKey: key("issue"), accountId: acct, type: "voucher_issue", description: "issue",
              entries: [{ account: { kind: "voucher", ref: v!.id }, amount }, { account: { kind: "voucher_issuance" }, amount: -amount }],
              actor: system, audit: { action: "test.voucher" },
            });
          }
          if (c.subscription) await purchaseSubscription(db(), { accountId: acct, productId: "test.sub", quantity: 1, termMonths: 3, autoRenew: false, actor: system, idempotencyKey: key("s"), now: new Date(start.getTime() + H) });
          if (c.direct !== null) await chargeUsage(db(), { accountId: acct, amount: BigInt(c.direct), idempotencyKey: key("u"), actor: system, description: "Support hours" });
        });
        // Activations, runs and releases in time order.
        type Step = { t: Date; run: () => Promise<unknown> };
        const steps: Step[] = [];
        for (const r of c.resources) {
          const started = at(r.startsBefore);
          const released = new Date(started.getTime() + r.runsMinutes * 60_000);
          let id = "";
          steps.push({ t: started, run: async () => (id = (await activateResource(db(), { accountId: acct, productId: r.product, quantity: r.quantity, actor: system, idempotencyKey: key("a"), now: started })).resource.id) });
          steps.push({ t: released, run: () => releaseResource(db(), { accountId: acct, resourceId: id, actor: system, now: released }) });
        }
        for (const m of [...c.runs, -90]) steps.push({ t: at(m), run: () => runBilling(db(), { until: at(m), accountIds: [acct] }) });
        steps.sort((a, b) => a.t.getTime() - b.t.getTime());
        for (const s of steps) await atTime(s.t, s.run);

        // April 2nd: March is closed and not invoiced yet; the chart shows what its invoice will say.
        const before = spendChartMonths(await spendMonthsOf(db(), acct, 2, new Date("2031-04-02T12:00:00Z")), "en")[0]!;
        const issuedAt = new Date("2031-04-05T00:00:00Z");
        expect((await issueInvoice(db(), { accountId: acct, period, now: issuedAt, notify: false })).status).toBe("issued");
        const now = new Date("2031-04-10T12:00:00Z");
        const f = await readMonth(acct, period, now);
        expect({ paid: shown(before.paid), discount: shown(before.discount), voucher: shown(before.voucher), total: shown(before.total) }).toEqual(f);
      }),
      { numRuns: Number(process.env.SPEND_CENTS_RUNS ?? 20), seed: Number(process.env.SPEND_CENTS_SEED ?? 16), endOnFailure: true },
    );
  });

  it("for the demo's twelve months, where the chart used to be a cent off its invoice", { timeout: 170_000 }, async () => {
    // The 3rd: May is closed but its invoice comes on the 5th; the months before are issued.
    const now = new Date("2026-06-03T12:00:00Z");
    await seedDemo(db(), now);
    const ACME = DEMO_ACCOUNTS[0]!.id;
    let offByACent = 0;
    for (const { id: acct } of DEMO_ACCOUNTS) {
      const rollup = await monthlySpendOf(db(), acct, 12, now);
      const issued = await db().select().from(invoices).where(eq(invoices.accountId, acct));
      for (const inv of issued.filter((i) => i.period >= rollup[0]!.month)) {
        const f = await readMonth(acct, inv.period, now);
        expect(f.paid).toBe(cents(inv.total));
        // What the chart showed before: the month's charges summed, then rounded once.
        const r = rollup.find((m) => m.month === inv.period)!;
        if (cents(r.cashPaid) !== f.paid || cents(r.gross) !== f.total) offByACent++;

        // The transactions export of the month's charges to cash adds up to the invoice total.
        const { start, end } = periodOf(inv.period);
        const tx = (await exportTransactionsCsv(db(), { accountId: acct, types: ["usage", "subscription"], from: start, to: end })).trimEnd().split("\r\n");
        expect(tx[0]).toContain("Amount (USD),Amount (micro-USD)");
        const micro = tx.slice(1).reduce((s, l) => s - BigInt(l.split(",").at(-8)!), 0n);
        expect(micro).toBe(inv.total);
      }
    }
    expect(offByACent).toBeGreaterThanOrEqual(3);
    const issuedAcme = await db().select().from(invoices).where(eq(invoices.accountId, ACME));
    expect(issuedAcme.length).toBeGreaterThanOrEqual(11);

    // May, closed and not invoiced: the chart and the export show the invoice it will get.
    const may = (await spendMonthsOf(db(), ACME, 12, now, { exact: true })).find((m) => m.month === "2026-05")!;
    expect(may).toMatchObject({ source: "draft", invoiceNumber: null });
    const draft = await computeInvoiceFigures(db(), ACME, periodOf("2026-05"));
    expect([may.cashPaid, may.discount, may.voucherPaid, may.gross]).toEqual([draft.total, draft.discount, draft.voucher, draft.gross]);
    const mayChart = spendChartMonths(await spendMonthsOf(db(), ACME, 12, now), "en").find((m) => m.key === "2026-05")!;
    // Issued on the 5th, the invoice says what the chart said on the 3rd.
    expect((await issueInvoice(db(), { accountId: ACME, period: "2026-05", now: new Date("2026-06-05T00:00:00Z"), notify: false })).status).toBe("issued");
    const f = await readMonth(ACME, "2026-05", new Date("2026-06-06T00:00:00Z"));
    expect({ paid: shown(mayChart.paid), discount: shown(mayChart.discount), voucher: shown(mayChart.voucher), total: shown(mayChart.total) }).toEqual(f);
    // The month in progress is the running rollup, marked as such.
    const june = spendChartMonths(await spendMonthsOf(db(), ACME, 12, now), "en").at(-1)!;
    expect(june).toMatchObject({ key: "2026-06", inProgress: true });
  });
});
