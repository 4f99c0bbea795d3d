import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { accounts, billingProfiles, invoiceLines, invoiceNumberCounter, invoices, type ProfileSnapshot, type TaxRuleSnapshot } from "@/db/schema";
import { isSystemicError } from "@/lib/billing/run";
import { withTx } from "@/db/tx";
import { col, rows } from "@/db/rows";
import { sendEmail } from "@/lib/email/send";
import { appUrl } from "@/lib/env";
import { emitEvent } from "@/lib/events/emit";
import { moneyJson } from "@/lib/events/catalogue";
import { post } from "@/lib/ledger/post";
import { formatMoney } from "@/lib/money";
import { sellerConfig } from "@/lib/seller";
import { formatRate, matchTaxRule, taxOn, taxRules } from "@/lib/tax/rules";
import { computeInvoice, type DraftLine } from "./compute";
import { signInvoiceLink } from "./link";
import { PAYMENT_TERM_DAYS, periodOf } from "./period";
import { invoiceRecipients } from "./recipients";

export type Invoice = typeof invoices.$inferSelect;
export type InvoiceLine = typeof invoiceLines.$inferSelect;

/** How long the link in an invoice email opens the invoice without signing in. */
export const EMAIL_LINK_DAYS = 30;
const DAY = 86_400_000;
/** Invoice lines per insert statement (about 20 parameters each, far below PostgreSQL's 65,535). */
const INSERT_LINES = 500;

export function formatInvoiceNumber(n: bigint): string {
  return `INV${n.toString().padStart(8, "0")}`;
}

/**
 * Accounts that had charges or payments in a period: any charge to cash, voucher use or
 * top-up posted on the ledger between its start and end, or the period's commitment
 * shortfall (posted after it, at the month's close).
 */
export async function accountsWithActivity(db: DbOrTx, periodKey: string): Promise<string[]> {
  const p = periodOf(periodKey);
  const found = await rows(
    db,
    sql`select distinct t.account_id from ledger_transactions t
        where t.account_id is not null and (t.type in ('usage', 'subscription', 'voucher_usage', 'top_up')
          and t.created_at >= ${p.start.toISOString()}::timestamptz and t.created_at < ${p.end.toISOString()}::timestamptz
          or t.type = 'commitment' and t.created_at >= ${p.end.toISOString()}::timestamptz and t.idempotency_key = 'commitment:' || t.account_id || ':' || ${periodKey})
        order by t.account_id`,
    { account_id: col.text },
  );
  return found.map((r) => r.account_id);
}

export type IssueResult = { status: "issued"; invoice: Invoice; lines: InvoiceLine[] } | { status: "exists"; invoice: Invoice } | { status: "nothing" };

/**
 * Issues an account's invoice for a period, exactly once. In one transaction: a lock on
 * (account, period) so a second worker waits and then finds the invoice, the figures
 * from the ledger, the lines, the number (taken last, from the counter row, so the
 * counter is held only until commit and a rollback leaves no gap), and the emails to the
 * account's admins and finance members with a signed link. The unique key on (account,
 * period) backs the lock up.
 */
export async function issueInvoice(db: Db, input: { accountId: string; period: string; now: Date; notify?: boolean }): Promise<IssueResult> {
  const period = periodOf(input.period);
  return withTx(db, async (tx) => {
    // Sent together (pipelined, one round trip): the server runs them in order, so the reads see what the lock holder committed.
    const [, [existing], [account], [profile]] = await Promise.all([
      tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`invoice:${input.accountId}:${input.period}`}, 0))`),
      tx.select().from(invoices).where(and(eq(invoices.accountId, input.accountId), eq(invoices.period, input.period))),
      tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, input.accountId)),
      tx.select().from(billingProfiles).where(eq(billingProfiles.accountId, input.accountId)),
    ]);
    if (existing) return { status: "exists", invoice: existing };

    // The tax rule of the customer's country and tax ID as they stand at issue; the invoice keeps it.
    const taxRule = matchTaxRule(taxRules(), { country: profile?.country ?? "", taxId: profile?.taxId ?? "" });
    const rateBps = taxRule && !taxRule.reverseCharge ? taxRule.rateBps : 0;
    const draft = await computeInvoice(tx, input.accountId, period, (taxable) => taxOn(taxable, rateBps));
    if (!draft.hasActivity) return { status: "nothing" };
    const snapshot: ProfileSnapshot = {
      accountName: account?.name ?? "",
      companyName: profile?.companyName || account?.name || "",
      address: profile?.address ?? "",
      country: profile?.country ?? "",
      taxId: profile?.taxId ?? "",
      billingEmail: profile?.billingEmail ?? null,
    };
    const locale = profile?.invoiceLocale ?? "en";

    const [counter] = await tx
      .update(invoiceNumberCounter)
      .set({ lastNumber: sql`${invoiceNumberCounter.lastNumber} + 1` })
      .where(eq(invoiceNumberCounter.id, 1))
      .returning({ n: invoiceNumberCounter.lastNumber });
    const [invoice] = await tx
      .insert(invoices)
      .values({
        number: formatInvoiceNumber(counter!.n), accountId: input.accountId, period: input.period, periodStart: period.start, periodEnd: period.end,
        issuedAt: input.now, dueAt: new Date(input.now.getTime() + PAYMENT_TERM_DAYS * DAY), locale, profile: snapshot, seller: sellerConfig(),
        gross: draft.gross, discount: draft.discount, voucher: draft.voucher, net: draft.net, rounding: draft.rounding,
        taxRateBps: rateBps, tax: draft.tax, taxRule, total: draft.total,
        paidFromBalance: draft.paidFromBalance, amountDue: draft.amountDue, payments: draft.payments, createdAt: input.now,
      })
      .returning();
    if (draft.tax > 0n) await postInvoiceTax(tx, invoice!, taxRule!);
    // The lines, the emails and the event need nothing from each other: sent together, in as few round trips as the rendering allows.
    const [lines] = await Promise.all([
      insertLines(tx, invoice!.id, draft.lines),
      (input.notify ?? true) && (profile?.invoicesByEmail ?? true) ? emailInvoice(tx, invoice!, input.now) : undefined,
      emitInvoiceIssued(tx, invoice!),
    ]);
    return { status: "issued", invoice: invoice!, lines };
  });
}

/** A line per resource: chunked, so an account with thousands of resources stays under the statement's parameter limit. */
async function insertLines(tx: DbOrTx, invoiceId: string, draft: DraftLine[]): Promise<InvoiceLine[]> {
  const lines: InvoiceLine[] = [];
  for (let from = 0; from < draft.length; from += INSERT_LINES) {
    const chunk = draft.slice(from, from + INSERT_LINES).map((l, i) => ({ ...l, invoiceId, position: from + i + 1 }));
    for (const row of await tx.insert(invoiceLines).values(chunk).returning()) lines.push(row);
  }
  return lines;
}

/** The key of an invoice's tax posting: one per account and period, like the invoice itself. */
export const invoiceTaxKey = (accountId: string, period: string) => `invoice-tax:${accountId}:${period}`;

/** The invoice's tax, charged to cash and owed to the tax authority (tax_payable), in the issuing transaction. */
function postInvoiceTax(tx: DbOrTx, inv: Invoice, rule: TaxRuleSnapshot) {
  return post(tx, {
    idempotencyKey: invoiceTaxKey(inv.accountId, inv.period),
    accountId: inv.accountId,
    type: "tax",
    description: `${rule.name.en} ${formatRate(inv.taxRateBps, "en")} · ${inv.number}`,
    entries: [
      { account: { kind: "cash" }, amount: -inv.tax },
      { account: { kind: "tax_payable" }, amount: inv.tax },
    ],
    actor: { kind: "system" },
    audit: { action: "invoice.tax", data: { invoiceId: inv.id, number: inv.number, rateBps: inv.taxRateBps, tax: inv.tax } },
  });
}

/** invoice.issued, in the issuing transaction; keyed by the invoice, so it is written once. */
function emitInvoiceIssued(tx: DbOrTx, inv: Invoice) {
  const iso = (d: Date) => d.toISOString();
  return emitEvent(tx, {
    accountId: inv.accountId, type: "invoice.issued", key: inv.id, occurredAt: inv.issuedAt,
    data: {
      invoice: {
        id: inv.id, number: inv.number, period: inv.period, periodStart: iso(inv.periodStart), periodEnd: iso(inv.periodEnd), issuedAt: iso(inv.issuedAt), dueAt: iso(inv.dueAt),
        total: moneyJson(inv.total), paidFromBalance: moneyJson(inv.paidFromBalance), amountDue: moneyJson(inv.amountDue),
      },
    },
  });
}

/** The issue email to every owner, admin and finance member (and the profile's billing email), each once. */
async function emailInvoice(tx: DbOrTx, invoice: Invoice, now: Date) {
  const recipients = await invoiceRecipients(tx, invoice);
  const expires = new Date(now.getTime() + EMAIL_LINK_DAYS * DAY);
  const url = `${appUrl()}/invoice-link/${signInvoiceLink({ invoiceId: invoice.id, accountId: invoice.accountId, expiresAt: expires })}`;
  for (const [email, r] of recipients) {
    await sendEmail(tx, {
      to: email,
      locale: r.locale,
      template: "invoice-issued",
      props: {
        name: r.name,
        account: invoice.profile.accountName,
        number: invoice.number,
        period: invoice.period,
        total: formatMoney(invoice.total, r.locale),
        amountDue: formatMoney(invoice.amountDue, r.locale),
        expiresOn: expires.toISOString().slice(0, 10),
        url,
        // The email is in the recipient's language; the invoice stays in its own, so a reader of the other gets its marked copy.
        invoiceLocale: invoice.locale,
        ...(r.locale !== invoice.locale ? { copyUrl: `${url}/pdf?copy=${r.locale}` } : {}),
      },
      idempotencyKey: `invoice-issued:${invoice.id}:${email}`,
      accountId: invoice.accountId,
    });
  }
}

/** Accounts issued at once by issuePeriod: one waits on the database while another's PDF renders. */
export const ISSUE_CONCURRENCY = 3;

/**
 * Issues a period's invoices for every account with activity, one transaction each, so a
 * crash leaves the issued ones issued and a rerun does only the rest. `afterIssue` runs
 * after each new invoice commits (the job renders and stores its PDF there). A few
 * accounts are in flight at once (`concurrency`): issuing mostly waits on the database and
 * rendering a PDF mostly uses the CPU, so overlapping them keeps both busy; the lock per
 * (account, period) and the number counter make this as safe as two workers.
 */
export async function issuePeriod(
  db: Db,
  opts: {
    period: string;
    now: Date;
    accountIds?: string[];
    notify?: boolean;
    concurrency?: number;
    afterIssue?: (issued: { invoice: Invoice; lines: InvoiceLine[] }) => Promise<void>;
    /**
     * An account whose invoice fails to issue (its own data; not the database going away) is
     * reported here and skipped, and the others are issued; without it the first failure stops the period.
     */
    onAccountFailed?: (accountId: string, error: unknown) => Promise<void>;
  },
): Promise<{ issued: number; existing: number; skipped: number }> {
  const ids = opts.accountIds ?? (await accountsWithActivity(db, opts.period));
  const out = { issued: 0, existing: 0, skipped: 0 };
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const accountId = ids[next++]!;
      let r: IssueResult;
      try {
        r = await issueInvoice(db, { accountId, period: opts.period, now: opts.now, notify: opts.notify });
      } catch (e) {
        if (!opts.onAccountFailed || isSystemicError(e)) throw e;
        await opts.onAccountFailed(accountId, e);
        continue;
      }
      if (r.status === "issued") {
        out.issued++;
        await opts.afterIssue?.({ invoice: r.invoice, lines: r.lines });
      } else if (r.status === "exists") out.existing++;
      else out.skipped++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? ISSUE_CONCURRENCY, ids.length)) }, worker));
  return out;
}
