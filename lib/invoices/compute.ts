import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { PaymentSnapshot } from "@/db/schema";
import { col, rows } from "@/db/rows";
import { translator } from "@/lib/i18n/translator";
import { commitmentKey } from "@/lib/billing/commitments";
import { roundHalfEvenToCents } from "@/lib/money";
import type { InvoicePeriod } from "./period";

export interface DraftLine {
  kind: "usage" | "subscription" | "other" | "commitment" | "rounding";
  resourceId: string | null;
  orderNo: string | null;
  productId: string | null;
  itemEn: string;
  itemZh: string;
  region: string | null;
  dataCenter: string | null;
  billingMode: string | null;
  /** Inside the period: an increment charged in it that began before it is clipped to the period's start. */
  startedAt: Date | null;
  endedAt: Date | null;
  durationMinutes: number | null;
  termMonths: number | null;
  quantity: bigint | null;
  unitLabel: string | null;
  /** The quantity in the product's unit, four decimals (invoice_lines.units). */
  units: string | null;
  unitPrice: bigint | null;
  gross: bigint;
  discount: bigint;
  voucher: bigint;
  net: bigint;
}

/** An invoice's lines and the sums of their rounded amounts; total = net + rounding = the ledger's figure. */
export interface InvoiceFigures {
  lines: DraftLine[];
  gross: bigint;
  discount: bigint;
  voucher: bigint;
  net: bigint;
  rounding: bigint;
  total: bigint;
  /** Anything to invoice at all: charges, vouchers used or payments received. */
  hasActivity: boolean;
}

export interface DraftInvoice extends InvoiceFigures {
  /** Tax on net + rounding, charged at issue; `total` includes it. */
  tax: bigint;
  paidFromBalance: bigint;
  amountDue: bigint;
  payments: PaymentSnapshot[];
}

const round = roundHalfEvenToCents;

// Line names the books do not hold come from the message catalogues, in both languages.
const en = translator("en");
const zh = translator("zh-CN");

/**
 * Works out an account's invoice for a period from the books, as they stand:
 *
 * - one line per pay-as-you-go resource from the charge rows the billing run wrote in the
 *   period (each row is committed with the ledger postings that carried it, so "written in
 *   the period" is "posted in the period");
 * - one line per subscription term paid from cash in the period (purchase or renewal);
 * - one line per other charge to cash (a usage posting that is not the billing run's);
 * - the order form's commitment shortfall for the period, posted at the month's close (after
 *   the period, keyed by account and period: it belongs to this period, not the one it is posted in);
 * - a rounding line for whatever the rounded lines miss of what the ledger charged to cash
 *   (cents rounding and the sub-cent accrual the billing run carries), so the total is the
 *   ledger's figure exactly.
 */
export async function computeInvoice(db: DbOrTx, accountId: string, period: InvoicePeriod, taxFor: (taxable: bigint) => bigint = () => 0n): Promise<DraftInvoice> {
  const from = period.start.toISOString();
  const to = period.end.toISOString();
  const [figures, topUps, closing, commitment] = await Promise.all([
    computeInvoiceFigures(db, accountId, period),
    rows(
      db,
      sql`select t.created_at, t.description, t.type, sum(e.amount) as amount
          from ledger_transactions t
          join ledger_entries e on e.transaction_id = t.id
          join ledger_accounts a on a.id = e.ledger_account_id and a.kind = 'cash'
          where t.account_id = ${accountId}::uuid and t.type = 'top_up'
            and t.created_at >= ${from}::timestamptz and t.created_at < ${to}::timestamptz
          group by t.id, t.created_at, t.description, t.type, t.seq
          order by t.seq`,
      { created_at: col.date, description: col.text, type: col.text, amount: col.bigint },
    ),
    rows(
      db,
      sql`select e.balance_after
          from ledger_entries e
          join ledger_transactions t on t.id = e.transaction_id
          join ledger_accounts a on a.id = e.ledger_account_id and a.kind = 'cash'
          where a.account_id = ${accountId}::uuid and t.created_at < ${to}::timestamptz
          order by t.seq desc, e.id desc
          limit 1`,
      { balance_after: col.bigint },
    ),
    commitmentCash(db, accountId, period),
  ]);

  // The tax is charged to cash when the invoice is issued; it counts as if charged at the
  // period's end, so the balance then pays it first and the rest is due like any charge.
  const tax = taxFor(figures.total);
  // So is the commitment shortfall, posted at the month's close.
  const balanceAtEnd = (closing[0]?.balance_after ?? 0n) - tax - commitment.reduce((s, r) => s + r.cash, 0n);
  const owed = balanceAtEnd < 0n ? -balanceAtEnd : 0n;
  const total = figures.total + tax;
  const amountDue = owed < total ? owed : total;
  return {
    ...figures,
    tax,
    total,
    paidFromBalance: total - amountDue,
    amountDue,
    payments: topUps.map((p) => ({ at: p.created_at.toISOString(), method: p.description, purpose: p.type, amount: p.amount.toString() })),
  };
}

/**
 * The invoice's lines and figures for a period (everything but the payments and the
 * amount due): what `computeInvoice` issues, and what the spend chart shows for a closed
 * month whose invoice is not issued yet, so the two round the same lines the same way.
 */
export async function computeInvoiceFigures(db: DbOrTx, accountId: string, period: InvoicePeriod): Promise<InvoiceFigures> {
  const from = period.start.toISOString();
  const to = period.end.toISOString();
  const [usageRows, subscriptionRows, otherRows, commitmentRows, totals] = await Promise.all([
    rows(
      db,
      // The charges posted in the period include the increment that began just before it (the
      // 31st's last hour, charged on the 1st): the line's dates are clipped to the period.
      // Units as chargedUnits counts them (lib/billing/usage-units.ts), to an hour or day of fixed length.
      sql`select c.resource_id, c.product_id, greatest(min(c.period_start), ${from}::timestamptz) as started_at,
            least(max(c.period_end), ${to}::timestamptz) as ended_at,
            round(sum(case when p.metered then c.quantity::numeric
              else c.quantity * extract(epoch from (c.period_end - c.period_start)) / (case when r.billing_mode = 'payg_daily' then 86400 else 3600 end) end), 4)::text as units,
            sum(extract(epoch from (c.period_end - c.period_start)))::bigint / 60 as minutes,
            sum(c.quantity) as usage_quantity, sum(c.gross) as gross, sum(c.discount) as discount,
            sum(c.voucher_paid) as voucher, sum(c.cash_part) as cash,
            r.order_no, r.quantity, r.unit_price, r.billing_mode, r.name as resource_name,
            p.name_en, p.name_zh, p.region, p.data_center, p.unit_label, p.metered
          from charges c
          join resources r on r.id = c.resource_id
          join products p on p.id = c.product_id
          where c.account_id = ${accountId}::uuid and c.created_at >= ${from}::timestamptz and c.created_at < ${to}::timestamptz
          group by c.resource_id, c.product_id, r.order_no, r.quantity, r.unit_price, r.billing_mode, r.name, p.name_en, p.name_zh, p.region, p.data_center, p.unit_label, p.metered
          order by min(c.period_start), c.resource_id`,
      {
        resource_id: col.textOrNull, product_id: col.textOrNull, started_at: col.dateOrNull, ended_at: col.dateOrNull, units: col.textOrNull, minutes: col.int, usage_quantity: col.bigint, gross: col.bigint,
        discount: col.bigint, voucher: col.bigint, cash: col.bigint, order_no: col.textOrNull, quantity: col.bigint, unit_price: col.bigint, billing_mode: col.textOrNull,
        resource_name: col.text, name_en: col.text, name_zh: col.text, region: col.textOrNull, data_center: col.textOrNull, unit_label: col.textOrNull, metered: col.bool,
      },
    ),
    rows(
      db,
      sql`select t.order_no, t.resource_id, t.created_at, -sum(e.amount) as cash,
            o.gross, o.discount, o.net, o.term_months, o.quantity, o.product_id, o.type as order_type,
            r.unit_price, p.name_en, p.name_zh, p.region, p.data_center, p.unit_label
          from ledger_transactions t
          join ledger_entries e on e.transaction_id = t.id
          join ledger_accounts a on a.id = e.ledger_account_id and a.kind = 'cash'
          left join orders o on o.order_no = t.order_no and o.account_id = t.account_id
          left join resources r on r.id::text = t.resource_id
          left join products p on p.id = o.product_id
          where t.account_id = ${accountId}::uuid and t.type = 'subscription'
            and t.created_at >= ${from}::timestamptz and t.created_at < ${to}::timestamptz
          group by t.id, t.order_no, t.resource_id, t.created_at, o.gross, o.discount, o.net, o.term_months, o.quantity, o.product_id, o.type, r.unit_price, p.name_en, p.name_zh, p.region, p.data_center, p.unit_label
          order by t.seq`,
      {
        order_no: col.textOrNull, resource_id: col.textOrNull, created_at: col.dateOrNull, cash: col.bigint, gross: col.bigintOrNull, discount: col.bigint, term_months: col.intOrNull,
        quantity: col.bigintOrNull, product_id: col.textOrNull, order_type: col.textOrNull, unit_price: col.bigintOrNull, name_en: col.textOrNull, name_zh: col.textOrNull, region: col.textOrNull,
        data_center: col.textOrNull, unit_label: col.textOrNull,
      },
    ),
    rows(
      db,
      sql`select t.description, t.resource_id, t.order_no, t.created_at, -sum(e.amount) as cash
          from ledger_transactions t
          join ledger_entries e on e.transaction_id = t.id
          join ledger_accounts a on a.id = e.ledger_account_id and a.kind = 'cash'
          where t.account_id = ${accountId}::uuid and t.type = 'usage' and t.idempotency_key not like 'billing:%'
            and t.created_at >= ${from}::timestamptz and t.created_at < ${to}::timestamptz
          group by t.id, t.description, t.resource_id, t.order_no, t.created_at
          order by t.seq`,
      { description: col.text, resource_id: col.textOrNull, order_no: col.textOrNull, created_at: col.dateOrNull, cash: col.bigint },
    ),
    commitmentCash(db, accountId, period),
    rows(
      db,
      sql`select coalesce(-sum(e.amount) filter (where a.kind = 'cash' and t.type in ('usage', 'subscription')), 0) as charged,
            coalesce(-sum(e.amount) filter (where a.kind = 'voucher' and t.type = 'voucher_usage'), 0) as voucher,
            count(*) filter (where t.type in ('usage', 'subscription', 'voucher_usage', 'top_up')) as activity
          from ledger_transactions t
          join ledger_entries e on e.transaction_id = t.id
          join ledger_accounts a on a.id = e.ledger_account_id and a.account_id = t.account_id
          where t.account_id = ${accountId}::uuid
            and t.created_at >= ${from}::timestamptz and t.created_at < ${to}::timestamptz`,
      { charged: col.bigint, voucher: col.bigint, activity: col.int },
    ),
  ]);

  const lines: DraftLine[] = [];
  for (const r of usageRows) {
    const discount = round(r.discount);
    const voucher = round(r.voucher);
    const net = round(r.cash);
    lines.push({
      kind: "usage", resourceId: r.resource_id, orderNo: r.order_no, productId: r.product_id,
      itemEn: `${r.name_en} · ${r.resource_name}`, itemZh: `${r.name_zh} · ${r.resource_name}`,
      region: r.region, dataCenter: r.data_center, billingMode: r.billing_mode, startedAt: r.started_at, endedAt: r.ended_at,
      durationMinutes: r.minutes, termMonths: null, quantity: r.metered ? r.usage_quantity : r.quantity,
      unitLabel: r.unit_label, units: r.units, unitPrice: r.unit_price, gross: net + voucher + discount, discount, voucher, net,
    });
  }
  for (const r of subscriptionRows) {
    const net = round(r.cash);
    // The order says how the price came about; without one (never expected) the posting stands alone.
    const discount = r.gross === null ? 0n : round(r.discount);
    // An upgrade is the price difference for the rest of the term: no unit price or units to multiply out.
    const upgrade = r.order_type === "upgrade";
    const units = r.quantity === null || upgrade ? null : r.quantity * BigInt(r.term_months ?? 1);
    const itemEn = r.name_en ?? r.order_no ?? en("invoices.modes.subscription");
    const itemZh = r.name_zh ?? r.order_no ?? zh("invoices.modes.subscription");
    lines.push({
      kind: "subscription", resourceId: r.resource_id, orderNo: r.order_no, productId: r.product_id,
      itemEn: upgrade ? en("invoices.upgradeLine", { item: itemEn }) : itemEn, itemZh: upgrade ? zh("invoices.upgradeLine", { item: itemZh }) : itemZh,
      region: r.region, dataCenter: r.data_center, billingMode: "subscription", startedAt: r.created_at, endedAt: r.created_at,
      durationMinutes: null, termMonths: r.term_months, quantity: r.quantity, unitLabel: r.unit_label,
      // The order's own monthly price (the resource's may have changed since, by an upgrade or a downgrade).
      units: units?.toString() ?? null, unitPrice: upgrade ? null : units && r.gross !== null ? r.gross / units : r.unit_price, gross: net + discount, discount, voucher: 0n, net,
    });
  }
  for (const r of otherRows) {
    const net = round(r.cash);
    lines.push({
      kind: "other", resourceId: r.resource_id, orderNo: r.order_no, productId: null, itemEn: r.description, itemZh: r.description,
      region: null, dataCenter: null, billingMode: null, startedAt: r.created_at, endedAt: r.created_at, durationMinutes: null, termMonths: null, quantity: null,
      unitLabel: null, units: null, unitPrice: null, gross: net, discount: 0n, voucher: 0n, net,
    });
  }

  for (const r of commitmentRows) {
    const net = round(r.cash);
    lines.push({
      kind: "commitment", resourceId: null, orderNo: null, productId: null, itemEn: `${en("invoices.commitment")} · ${r.description}`, itemZh: `${zh("invoices.commitment")} · ${r.description}`,
      region: null, dataCenter: null, billingMode: null, startedAt: null, endedAt: null, durationMinutes: null, termMonths: null, quantity: null,
      unitLabel: null, units: null, unitPrice: null, gross: net, discount: 0n, voucher: 0n, net,
    });
  }

  const sum = (f: (l: DraftLine) => bigint) => lines.reduce((s, l) => s + f(l), 0n);
  const total = (totals[0]?.charged ?? 0n) + commitmentRows.reduce((s, r) => s + r.cash, 0n);
  const net = sum((l) => l.net);
  const rounding = total - net;
  if (rounding !== 0n) {
    lines.push({
      kind: "rounding", resourceId: null, orderNo: null, productId: null, itemEn: en("invoices.rounding"), itemZh: zh("invoices.rounding"), region: null, dataCenter: null,
      billingMode: null, startedAt: null, endedAt: null, durationMinutes: null, termMonths: null, quantity: null, unitLabel: null, units: null, unitPrice: null, gross: rounding, discount: 0n, voucher: 0n, net: rounding,
    });
  }
  return {
    lines,
    gross: sum((l) => l.gross),
    discount: sum((l) => l.discount),
    voucher: sum((l) => l.voucher),
    net,
    rounding,
    total,
    hasActivity: (totals[0]?.activity ?? 0) > 0 || lines.length > 0,
  };
}

/** The period's commitment shortfall (at most one posting, found by its key), charged to cash. */
function commitmentCash(db: DbOrTx, accountId: string, period: InvoicePeriod) {
  return rows(
    db,
    sql`select t.description, -sum(e.amount) as cash
        from ledger_transactions t
        join ledger_entries e on e.transaction_id = t.id
        join ledger_accounts a on a.id = e.ledger_account_id and a.kind = 'cash'
        where t.idempotency_key = ${commitmentKey(accountId, period.key)} and t.account_id = ${accountId}::uuid
        group by t.id, t.description`,
    { description: col.text, cash: col.bigint },
  );
}
