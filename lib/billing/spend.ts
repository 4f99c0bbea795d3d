import { and, asc, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { monthlySpend } from "@/db/schema";
import { addMonths, platformTimeZone, toWall } from "./time";
import { rowsOf } from "./tx";

/** Money spent by one charge or subscription order, at the moment that places it in a month. */
export interface SpendItem {
  accountId: string;
  /** A charge's period start; an order's time. */
  at: Date;
  gross: bigint;
  discount: bigint;
  voucherPaid: bigint;
  cashPaid: bigint;
}

export interface MonthSpend {
  /** "YYYY-MM". */
  month: string;
  gross: bigint;
  discount: bigint;
  voucherPaid: bigint;
  cashPaid: bigint;
}

/** The first day of t's month in the platform calendar, as "YYYY-MM-01". */
export function monthOf(t: Date, tz = platformTimeZone()): string {
  const w = toWall(t, tz);
  return `${w.year}-${String(w.month).padStart(2, "0")}-01`;
}

/**
 * Adds charges and subscription orders to their accounts' monthly rollup, in the
 * caller's transaction (the one that writes them), with one statement per call.
 */
export async function addToMonthlySpend(db: DbOrTx, items: SpendItem[]): Promise<void> {
  const rows = new Map<string, { accountId: string; month: string; gross: bigint; discount: bigint; voucherPaid: bigint; cashPaid: bigint; items: number }>();
  for (const it of items) {
    const month = monthOf(it.at);
    const k = `${it.accountId}|${month}`;
    const r = rows.get(k) ?? { accountId: it.accountId, month, gross: 0n, discount: 0n, voucherPaid: 0n, cashPaid: 0n, items: 0 };
    r.gross += it.gross;
    r.discount += it.discount;
    r.voucherPaid += it.voucherPaid;
    r.cashPaid += it.cashPaid;
    r.items += 1;
    rows.set(k, r);
  }
  if (rows.size === 0) return;
  // Sorted, so two transactions adding to the same rows lock them in one order.
  const values = [...rows.values()].sort((a, b) => (a.accountId + a.month < b.accountId + b.month ? -1 : 1));
  await db
    .insert(monthlySpend)
    .values(values)
    .onConflictDoUpdate({
      target: [monthlySpend.accountId, monthlySpend.month],
      set: {
        gross: sql`${monthlySpend.gross} + excluded.gross`,
        discount: sql`${monthlySpend.discount} + excluded.discount`,
        voucherPaid: sql`${monthlySpend.voucherPaid} + excluded.voucher_paid`,
        cashPaid: sql`${monthlySpend.cashPaid} + excluded.cash_paid`,
        items: sql`${monthlySpend.items} + excluded.items`,
      },
    });
}

/**
 * The last `months` calendar months up to and including the one in progress at `now`,
 * oldest first, with zeros for months without spend. Reads at most `months` rows.
 */
export async function monthlySpendOf(db: DbOrTx, accountId: string, months: number, now: Date): Promise<MonthSpend[]> {
  const first = monthOf(addMonths(now, -(months - 1)));
  const rows = await db
    .select()
    .from(monthlySpend)
    .where(and(eq(monthlySpend.accountId, accountId), gte(monthlySpend.month, first)))
    .orderBy(asc(monthlySpend.month));
  const byMonth = new Map(rows.map((r) => [r.month.slice(0, 7), r]));
  const out: MonthSpend[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const month = monthOf(addMonths(now, -i)).slice(0, 7);
    const r = byMonth.get(month);
    out.push({ month, gross: r?.gross ?? 0n, discount: r?.discount ?? 0n, voucherPaid: r?.voucherPaid ?? 0n, cashPaid: r?.cashPaid ?? 0n });
  }
  return out;
}

/** What the rollup should hold, computed from the charges and subscription orders themselves. */
function recomputed(tz: string, accountId?: string) {
  const only = accountId ? sql`and account_id = ${accountId}::uuid` : sql``;
  return sql`select account_id, month, sum(gross) as gross, sum(discount) as discount, sum(voucher_paid) as voucher_paid, sum(cash_paid) as cash_paid, sum(items)::int as items
    from (
      select account_id, date_trunc('month', period_start at time zone ${tz})::date as month, gross, discount, voucher_paid, cash_part as cash_paid, 1 as items
        from charges where true ${only}
      union all
      select account_id, date_trunc('month', created_at at time zone ${tz})::date, gross, discount, 0, net, 1
        from orders where type in ('subscription', 'renewal') ${only}
    ) s group by account_id, month`;
}

/** Months whose rollup differs from their charges and orders (empty when all agree). */
export async function verifyMonthlySpend(db: DbOrTx, accountId?: string): Promise<{ accountId: string; month: string }[]> {
  const rows = await rowsOf(
    db,
    sql`with r as (${recomputed(platformTimeZone(), accountId)})
      select coalesce(r.account_id, m.account_id) as account_id, coalesce(r.month, m.month)::text as month
      from r full join (select * from monthly_spend where true ${accountId ? sql`and account_id = ${accountId}::uuid` : sql``}) m
        on m.account_id = r.account_id and m.month = r.month
      where r.account_id is null or m.account_id is null
        or (r.gross, r.discount, r.voucher_paid, r.cash_paid, r.items) is distinct from (m.gross, m.discount, m.voucher_paid, m.cash_paid, m.items)
      order by 1, 2`,
  );
  return rows.map((r) => ({ accountId: String(r.account_id), month: String(r.month) }));
}

/** Rebuilds the rollup from the charges and orders (after changing the platform time zone). */
export async function rebuildMonthlySpend(db: DbOrTx): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`lock table monthly_spend in exclusive mode`);
    await tx.execute(sql`delete from monthly_spend`);
    await tx.execute(sql`insert into monthly_spend (account_id, month, gross, discount, voucher_paid, cash_paid, items) ${recomputed(platformTimeZone())}`);
  });
}
