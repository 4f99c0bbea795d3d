import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { listTransactions } from "@/db/queries/transactions";
import { rowsOf } from "@/db/rows";
import { billingProfiles, charges, ledgerTransactions, orders } from "@/db/schema";
import { activateResource } from "@/lib/billing/activate";
import { closeCommitments, commitmentKey } from "@/lib/billing/commitments";
import { discountOf } from "@/lib/billing/cycle";
import { setAccountDiscount } from "@/lib/billing/discounts";
import { settleExpiry } from "@/lib/billing/renewal";
import { runBilling } from "@/lib/billing/run";
import { purchaseSubscription } from "@/lib/billing/subscribe";
import { atTime } from "@/lib/clock";
import { type ContractActor, countersignContract, createContract, signContract, submitContract } from "@/lib/contracts/flow";
import { ContractFormSchema } from "@/lib/contracts/input";
import { contractsJob } from "@/lib/contracts/job";
import { translator } from "@/lib/i18n/translator";
import { invoiceCsvLines } from "@/lib/invoices/csv";
import { invoicePdf, issuedViewModel } from "@/lib/invoices/documents";
import { getInvoice, listInvoices } from "@/lib/invoices/read";
import { periodOf } from "@/lib/invoices/period";
import { invoicesJob } from "@/lib/jobs/invoices";
import { formatVerifyReport, topUp, verifyLedger } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { pdfText } from "../e2e/pdf";
import { ensureCatalogue } from "../fixtures/billing";
import { onPostgres, useTestDb } from "../fixtures/db";
import { createAccount, createUser } from "../fixtures/factories";
import { key, system } from "../fixtures/ledger";

// Order-form terms that bill (issue 20): the discount on the listed products while the form
// is in force, and the committed monthly spend closed at the month's end. The clock is set
// (every step runs at its own moment in autumn 2026), and every job is scoped to the test's accounts.

const handle = useTestDb({ max: 8 });
const db = () => handle().db;
const at = (iso: string) => new Date(iso);
const staffActor = { kind: "staff" as const, userId: null, ip: "203.0.113.9" };
let staffFinance: ContractActor;

beforeAll(async () => {
  await ensureCatalogue(db());
  const s = await createUser(db(), { staffRole: "finance", name: "Sam Staff" });
  staffFinance = { kind: "staff", userId: s.id, name: s.name, ip: "10.0.0.2" };
});

/** An account of the test's own with an order form signed on `signedOn`, funded with `funds` dollars. */
async function withOrderForm(terms: { startsOn: string; endsOn: string; products: string[]; committed: string; discountPercent: string; signedOn: string; funds?: number }) {
  const { account, members } = await createAccount(db());
  await db().insert(billingProfiles).values({ accountId: account.id, companyName: "Initech LLC", address: "1 Infinite Loop", country: "US", taxId: "" });
  const actor: ContractActor = { kind: "user", userId: members.finance.id, name: members.finance.name, ip: "203.0.113.7" };
  const items = Object.fromEntries(terms.products.flatMap((p, i) => [[`productId_${i}`, p], [`quantity_${i}`, "1"]]));
  const form = ContractFormSchema.parse({ kind: "order_form", locale: "en", startsOn: terms.startsOn, endsOn: terms.endsOn, committedMonthlySpend: terms.committed, discountPercent: terms.discountPercent, ...items });
  const now = at(`${terms.signedOn}T09:00:00Z`);
  const contract = await atTime(now, async () => {
    const draft = await createContract(db(), { accountId: account.id, form, actor, now });
    await submitContract(db(), { accountId: account.id, contractId: draft.id, actor, now });
    await countersignContract(db(), { contractId: draft.id, title: "Head of Finance", reason: "Terms checked against the order form", actor: staffFinance, now });
    return signContract(db(), { accountId: account.id, contractId: draft.id, fullName: "Bill Lumbergh", title: "Vice President", consent: true, actor, now });
  });
  if (terms.funds) await atTime(now, () => topUp(db(), { accountId: account.id, amount: dollars(terms.funds!), provider: "test", idempotencyKey: key("topup"), actor: system }));
  return { accountId: account.id, contract };
}

const bill = (accountId: string, nowIso: string, untilIso: string) => atTime(at(nowIso), () => runBilling(db(), { until: at(untilIso), accountIds: [accountId] }));
const activate = (accountId: string, productId: string, nowIso: string) =>
  atTime(at(nowIso), () => activateResource(db(), { accountId, productId, quantity: 1, actor: system, idempotencyKey: key("a"), now: at(nowIso) }));
const issue = (accountId: string, nowIso: string) => atTime(at(nowIso), () => invoicesJob(db(), { now: at(nowIso), accountIds: [accountId], pdf: false, notify: false }));

/** Each charge's discount by the month its increment starts in (UTC). */
async function discountsByMonth(resourceId: string) {
  const rows = await db().select().from(charges).where(eq(charges.resourceId, resourceId)).orderBy(charges.periodStart);
  const out: Record<string, [bigint, bigint][]> = {};
  for (const c of rows) (out[c.periodStart.toISOString().slice(0, 7)] ??= []).push([c.gross, c.discount]);
  return out;
}

/** What the ledger charged the account's cash for a month: usage and subscriptions posted in it, and the month's commitment shortfall. */
async function ledgerFigure(accountId: string, period: string) {
  const p = periodOf(period);
  const [row] = await rowsOf(
    db(),
    sql`select coalesce(-sum(e.amount) filter (where t.type in ('usage', 'subscription') and t.created_at >= ${p.start.toISOString()}::timestamptz and t.created_at < ${p.end.toISOString()}::timestamptz), 0) as spend,
          coalesce(-sum(e.amount) filter (where t.idempotency_key = ${commitmentKey(accountId, period)}), 0) as shortfall
        from ledger_transactions t join ledger_entries e on e.transaction_id = t.id
        join ledger_accounts a on a.id = e.ledger_account_id and a.kind = 'cash'
        where t.account_id = ${accountId}::uuid`,
  );
  return { spend: BigInt(String(row!.spend)), shortfall: BigInt(String(row!.shortfall)) };
}

async function issuedFor(accountId: string, period: string) {
  const [row] = await listInvoices(db(), { accountId, from: period, to: period, limit: 5 });
  return (await getInvoice(db(), { accountId, invoiceId: row!.id }))!;
}

describe("an order form's discount", () => {
  it("applies to the products it lists while in force, across both month boundaries, the larger of it and the account's rate", async () => {
    // In force through October; 20 % on test.hourly and test.cheap. The account has 10 % on everything and 30 % on test.cheap.
    const { accountId, contract } = await withOrderForm({ startsOn: "2026-10-01", endsOn: "2026-10-31", products: ["test.hourly", "test.cheap"], committed: "1", discountPercent: "20", signedOn: "2026-09-20", funds: 500 });
    expect(contract.status).toBe("signed");
    await atTime(at("2026-09-21T00:00:00Z"), async () => {
      await setAccountDiscount(db(), { accountId, productId: null, rateBps: 1000, reason: "Enterprise agreement", actor: staffActor });
      await setAccountDiscount(db(), { accountId, productId: "test.cheap", rateBps: 3000, reason: "Storage commitment", actor: staffActor });
    });
    const hourly = await activate(accountId, "test.hourly", "2026-09-30T22:00:00Z");
    const cheap = await activate(accountId, "test.cheap", "2026-09-30T22:00:00Z");
    const daily = await activate(accountId, "test.daily", "2026-09-30T00:00:00Z");
    // The contracts job activates it on the 1st and expires it on 1 November, before the billing run charges October:
    // what counts is the moment charged, not the contract's status when the run comes.
    expect(await contractsJob(db(), { now: at("2026-10-01T00:40:00Z"), accountIds: [accountId] })).toEqual({ activated: 1, expired: 0 });
    expect(await contractsJob(db(), { now: at("2026-11-01T00:40:00Z"), accountIds: [accountId] })).toEqual({ activated: 0, expired: 1 });
    await bill(accountId, "2026-11-01T02:05:00Z", "2026-11-01T02:00:00Z");

    const h = await discountsByMonth(hourly.resource.id);
    expect(h["2026-09"]).toEqual([[60_000n, 6_000n], [60_000n, 6_000n]]); // before the start: the account's 10 %
    expect(h["2026-10"]!.length).toBe(744);
    expect(h["2026-10"]!.every(([g, d]) => g === 60_000n && d === 12_000n)).toBe(true); // listed, in force: 20 % beats 10 %
    expect(h["2026-11"]).toEqual([[60_000n, 6_000n], [60_000n, 6_000n]]); // after the end: 10 % again
    const c = await discountsByMonth(cheap.resource.id);
    // Listed, but the account's own 30 % is larger: never stacked (20 % + 30 %), never the smaller.
    expect(Object.values(c).flat().every(([g, d]) => g === 3_333n && d === discountOf(3_333n, 3000))).toBe(true);
    const d = await discountsByMonth(daily.resource.id);
    // Not listed: the account's 10 % throughout, October included.
    expect(d["2026-10"]!.length).toBe(31);
    expect(Object.values(d).flat().every(([g, disc]) => disc === discountOf(g, 1000))).toBe(true);
  });

  it("prices subscription purchases and renewals of a listed product while in force, the larger of it and the term discount", async () => {
    const { accountId } = await withOrderForm({ startsOn: "2026-10-01", endsOn: "2026-10-31", products: ["test.sub"], committed: "1", discountPercent: "12", signedOn: "2026-09-10", funds: 200 });
    const buy = (nowIso: string, termMonths: 1 | 3 | 12) =>
      atTime(at(nowIso), () => purchaseSubscription(db(), { accountId, productId: "test.sub", quantity: 1, termMonths, autoRenew: true, actor: system, idempotencyKey: key("s"), now: at(nowIso) }));
    const before = await buy("2026-09-15T00:00:00Z", 1); // expires 15 October: renews while in force
    const threeMonths = await buy("2026-10-20T00:00:00Z", 3); // 12 % beats the 3-month term's 5 %
    const yearly = await buy("2026-10-21T00:00:00Z", 12); // the 12-month term's 15 % beats 12 %
    const after = await buy("2026-11-02T00:00:00Z", 1);
    expect([before, threeMonths, yearly, after].map((r) => [r.order.gross, r.order.discount])).toEqual([
      [10_000_000n, 0n],
      [30_000_000n, 3_600_000n],
      [120_000_000n, 18_000_000n],
      [10_000_000n, 0n],
    ]);
    expect(await atTime(at("2026-10-15T00:10:00Z"), () => settleExpiry(db(), before.resource.id, accountId, at("2026-10-15T00:10:00Z")))).toBe("renewed");
    expect(await atTime(at("2026-11-15T00:10:00Z"), () => settleExpiry(db(), before.resource.id, accountId, at("2026-11-15T00:10:00Z")))).toBe("renewed");
    const renewals = await db().select().from(orders).where(and(eq(orders.resourceId, before.resource.id), eq(orders.type, "renewal"))).orderBy(orders.createdAt);
    expect(renewals.map((o) => [o.gross, o.discount, o.net])).toEqual([
      [10_000_000n, 1_200_000n, 8_800_000n], // the term from 15 October: in force
      [10_000_000n, 0n, 10_000_000n], // the term from 15 November: ended
    ]);
  });
});

describe("a committed monthly spend", () => {
  it("adds the shortfall to the month below it (commitment − net spend, to the cent), none to the month above, once however often the close runs", async () => {
    // $50 a month committed for October and November; 20 % off test.hourly.
    const { accountId, contract } = await withOrderForm({ startsOn: "2026-10-01", endsOn: "2026-11-30", products: ["test.hourly"], committed: "50", discountPercent: "20", signedOn: "2026-09-20", funds: 200 });
    const hourly = await activate(accountId, "test.hourly", "2026-10-01T00:00:00Z");
    await bill(accountId, "2026-10-15T00:05:00Z", "2026-10-15T00:00:00Z");
    await bill(accountId, "2026-10-31T23:05:00Z", "2026-10-31T23:00:00Z");
    // November spends more: an unlisted daily server as well (24 × $0.10 a day, no discount).
    await activate(accountId, "test.daily", "2026-11-01T00:00:00Z");
    await bill(accountId, "2026-11-01T00:05:00Z", "2026-11-01T00:00:00Z");
    await bill(accountId, "2026-11-30T23:05:00Z", "2026-11-30T23:00:00Z");
    await bill(accountId, "2026-12-01T00:05:00Z", "2026-12-01T00:00:00Z");

    // October: 743 hours charged in the month at $0.048 = $35.664, deducted in whole cents ($35.66).
    expect((await ledgerFigure(accountId, "2026-10")).spend).toBe(35_660_000n);
    expect(await issue(accountId, "2026-11-05T01:00:00Z")).toMatchObject({ periodKey: "2026-10", issued: 1 });
    const oct = await issuedFor(accountId, "2026-10");
    const line = oct.lines.find((l) => l.kind === "commitment")!;
    expect(line.net).toBe(dollars(50) - 35_660_000n); // $14.34
    expect(line.net).toBe(14_340_000n);
    expect(line.itemEn).toBe(`Commitment shortfall · ${contract.number} · 2026-10`);
    expect(line.itemZh).toBe(`承诺消费差额 · ${contract.number} · 2026-10`);
    expect(oct.invoice.total).toBe(dollars(50));
    const octLedger = await ledgerFigure(accountId, "2026-10");
    expect(oct.invoice.total).toBe(octLedger.spend + octLedger.shortfall);
    expect(oct.lines.reduce((s, l) => s + l.net, 0n)).toBe(oct.invoice.total);
    expect(oct.lines.filter((l) => l.kind === "usage").map((l) => l.resourceId)).toEqual([hourly.resource.id]);
    // The funds paid it: nothing left to pay.
    expect([oct.invoice.paidFromBalance, oct.invoice.amountDue]).toEqual([dollars(50), 0n]);

    // Rerunning the close (or the job) posts nothing twice.
    expect(await closeCommitments(db(), { period: "2026-10", now: at("2026-11-06T00:00:00Z"), accountIds: [accountId] })).toEqual({ posted: 0, amount: 0n });
    expect(await issue(accountId, "2026-11-06T01:00:00Z")).toBeNull();
    const keyed = await db().select().from(ledgerTransactions).where(eq(ledgerTransactions.idempotencyKey, commitmentKey(accountId, "2026-10")));
    expect(keyed.map((t) => [t.type, t.description])).toEqual([["commitment", `${contract.number} · 2026-10`]]);

    // November is above the commitment: no shortfall line, and October's shortfall (posted on 5 November) is not November's.
    expect(await issue(accountId, "2026-12-05T01:00:00Z")).toMatchObject({ periodKey: "2026-11", issued: 1 });
    const nov = await issuedFor(accountId, "2026-11");
    const novLedger = await ledgerFigure(accountId, "2026-11");
    expect(novLedger.spend).toBeGreaterThan(dollars(50));
    expect(novLedger.shortfall).toBe(0n);
    expect(nov.lines.some((l) => l.kind === "commitment")).toBe(false);
    expect(nov.invoice.total).toBe(novLedger.spend);
    // The whole ledger's proof, where the database is this file's own.
    if (!onPostgres()) {
      const report = await verifyLedger(db());
      expect(report.ok, formatVerifyReport(report)).toBe(true);
    }
  });

  it("commits pro rata in a month the form starts in, invoices it on an account with no other activity, owed like usage, in Transactions and the invoice in both languages", async () => {
    // In force from 17 October: 15 of October's 31 days of $31.
    const { accountId, contract } = await withOrderForm({ startsOn: "2026-10-17", endsOn: "2027-01-31", products: ["test.hourly"], committed: "31", discountPercent: "5", signedOn: "2026-10-10" });
    expect(await issue(accountId, "2026-11-05T01:00:00Z")).toMatchObject({ issued: 1 });
    const inv = await issuedFor(accountId, "2026-10");
    expect(inv.lines.map((l) => [l.kind, l.net])).toEqual([["commitment", dollars(15)]]);
    // No funds: the whole shortfall is due.
    expect([inv.invoice.total, inv.invoice.amountDue]).toEqual([dollars(15), dollars(15)]);

    const { rows } = await listTransactions(db(), { accountId });
    const posted = rows.find((r) => r.type === "commitment")!;
    expect([posted.amount, posted.description]).toEqual([-dollars(15), `${contract.number} · 2026-10`]);
    expect([translator("en")("pages.transactions.types.commitment"), translator("zh-CN")("pages.transactions.types.commitment")]).toEqual(["Commitment shortfall", "承诺消费差额"]);

    const zh = issuedViewModel(inv, "zh-CN");
    expect(zh.lines[0]!.item).toBe(`承诺消费差额 · ${contract.number} · 2026-10`);
    const csv = invoiceCsvLines(issuedViewModel(inv, "en"), inv.lines);
    expect(csv[1]).toContain(`commitment,,Commitment shortfall · ${contract.number} · 2026-10`);
    expect(csv[1]!.endsWith(",15.00,0.00,0.00,15.00")).toBe(true);
    const text = await pdfText(Buffer.from((await invoicePdf(db(), inv)).pdf));
    expect(text).toContain("Commitment shortfall");
    expect(text).toContain(contract.number);
  });
});
