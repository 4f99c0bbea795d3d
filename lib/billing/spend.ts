import { and, asc, eq, gte, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { monthlySpend, spendOrderTypesSql } from "@/db/schema";
import type { Tags } from "@/db/schema/columns";
import { addMonths, fromWall, platformTimeZone, toWall } from "./time";
import { pgArray } from "@/db/sql-arrays";
import { col, rows } from "@/db/rows";
import { withTx } from "@/db/tx";

/** Money spent by one charge or subscription order. */
export interface SpendItem {
  accountId: string;
  productId: string;
  /** Null only for an order without a resource. */
  resourceId: string | null;
  /** The resource's tags as the charge or order recorded them. */
  tags: Tags;
  /**
   * When it was recorded: the row's created_at. Absent for rows the database stamps
   * itself (now(), the transaction's start), which the month is then computed from too.
   */
  at?: Date | null;
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
 * Adds charges and subscription orders to their accounts' rollups, monthly_spend and
 * daily_costs, in the caller's transaction (the one that writes them): one statement each,
 * of array parameters (`unnest`), so their size never depends on the number of items. A
 * month or day is the one the row was recorded in (its created_at, in the platform time
 * zone): the month the invoice puts it in, so a month's bar, and its days summed, equal
 * that month's invoice.
 */
export async function addToSpend(db: DbOrTx, items: SpendItem[]): Promise<void> {
  if (items.length === 0) return;
  const tz = platformTimeZone();
  const col = <T>(f: (it: SpendItem) => T) => items.map(f);
  const amounts = sql`${pgArray(col((it) => it.gross), "bigint")}, ${pgArray(col((it) => it.discount), "bigint")},
      ${pgArray(col((it) => it.voucherPaid), "bigint")}, ${pgArray(col((it) => it.cashPaid), "bigint")}`;
  // Grouped and sorted, so two transactions adding to the same rows lock them in one order.
  await db.execute(sql`insert into monthly_spend (account_id, month, gross, discount, voucher_paid, cash_paid, items)
    select account_id, date_trunc('month', coalesce(at, now()) at time zone ${tz})::date, sum(gross), sum(discount), sum(voucher_paid), sum(cash_paid), count(*)
    from unnest(${pgArray(col((it) => it.accountId), "uuid")}, ${pgArray(col((it) => it.at ?? null), "timestamptz")}, ${amounts})
      as v(account_id, at, gross, discount, voucher_paid, cash_paid)
    group by 1, 2 order by 1, 2
    on conflict (account_id, month) do update set
      gross = monthly_spend.gross + excluded.gross, discount = monthly_spend.discount + excluded.discount,
      voucher_paid = monthly_spend.voucher_paid + excluded.voucher_paid, cash_paid = monthly_spend.cash_paid + excluded.cash_paid,
      items = monthly_spend.items + excluded.items`);
  await db.execute(sql`insert into daily_costs (account_id, day, product_id, resource_id, tags, gross, discount, voucher_paid, cash_paid, items)
    select account_id, (coalesce(at, now()) at time zone ${tz})::date, product_id, resource_id, tags, sum(gross), sum(discount), sum(voucher_paid), sum(cash_paid), count(*)
    from unnest(${pgArray(col((it) => it.accountId), "uuid")}, ${pgArray(col((it) => it.at ?? null), "timestamptz")},
      ${pgArray(col((it) => it.productId), "text")}, ${pgArray(col((it) => it.resourceId), "uuid")}, ${pgArray(col((it) => JSON.stringify(it.tags)), "jsonb")}, ${amounts})
      as v(account_id, at, product_id, resource_id, tags, gross, discount, voucher_paid, cash_paid)
    group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
    on conflict on constraint daily_costs_key do update set
      gross = daily_costs.gross + excluded.gross, discount = daily_costs.discount + excluded.discount,
      voucher_paid = daily_costs.voucher_paid + excluded.voucher_paid, cash_paid = daily_costs.cash_paid + excluded.cash_paid,
      items = daily_costs.items + excluded.items`);
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
  return fillMonths(months, now, new Map(rows.map((r) => [r.month.slice(0, 7), r])));
}

/** The last `months` months up to `now`'s, oldest first, zeros where `byMonth` ("YYYY-MM") has nothing. */
function fillMonths(months: number, now: Date, byMonth: Map<string, Omit<MonthSpend, "month">>): MonthSpend[] {
  const out: MonthSpend[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const month = monthOf(addMonths(now, -i)).slice(0, 7);
    const r = byMonth.get(month);
    out.push({ month, gross: r?.gross ?? 0n, discount: r?.discount ?? 0n, voucherPaid: r?.voucherPaid ?? 0n, cashPaid: r?.cashPaid ?? 0n });
  }
  return out;
}

/** What the rollup should hold, computed from the charges and subscription orders themselves. */
function recomputed(tz: string, accountId?: string, since?: Date) {
  const only = sql`${accountId ? sql`and account_id = ${accountId}::uuid` : sql``} ${since ? sql`and created_at >= ${since.toISOString()}::timestamptz` : sql``}`;
  return sql`select account_id, month, sum(gross) as gross, sum(discount) as discount, sum(voucher_paid) as voucher_paid, sum(cash_paid) as cash_paid, sum(items)::int as items
    from (
      select account_id, date_trunc('month', created_at at time zone ${tz})::date as month, gross, discount, voucher_paid, cash_part as cash_paid, 1 as items
        from charges where true ${only}
      union all
      select account_id, date_trunc('month', created_at at time zone ${tz})::date, gross, discount, 0, net, 1
        from orders where type in (${spendOrderTypesSql}) ${only}
    ) s group by account_id, month`;
}

/**
 * The same months as `monthlySpendOf`, summed from the charges and orders themselves
 * rather than the rollup: what the spend export gives, to the micro-dollar.
 */
export async function spendFromCharges(db: DbOrTx, accountId: string, months: number, now: Date): Promise<MonthSpend[]> {
  const tz = platformTimeZone();
  const first = monthOf(addMonths(now, -(months - 1)));
  const since = fromWall({ year: Number(first.slice(0, 4)), month: Number(first.slice(5, 7)), day: 1, hour: 0, minute: 0, second: 0, ms: 0 }, tz);
  const found = await rows(db, sql`select to_char(month, 'YYYY-MM') as month, gross::text, discount::text, voucher_paid::text, cash_paid::text from (${recomputed(tz, accountId, since)}) r`, {
    month: col.text, gross: col.bigint, discount: col.bigint, voucher_paid: col.bigint, cash_paid: col.bigint,
  });
  return fillMonths(
    months,
    now,
    new Map(found.map((r) => [r.month, { gross: r.gross, discount: r.discount, voucherPaid: r.voucher_paid, cashPaid: r.cash_paid }])),
  );
}

/** What daily_costs should hold, computed from the charges and subscription orders themselves. */
function recomputedDaily(tz: string, accountId?: string) {
  const only = accountId ? sql`and account_id = ${accountId}::uuid` : sql``;
  return sql`select account_id, day, product_id, resource_id, tags, sum(gross) as gross, sum(discount) as discount, sum(voucher_paid) as voucher_paid, sum(cash_paid) as cash_paid, count(*)::int as items
    from (
      select account_id, (created_at at time zone ${tz})::date as day, product_id, resource_id, tags, gross, discount, voucher_paid, cash_part as cash_paid
        from charges where true ${only}
      union all
      select account_id, (created_at at time zone ${tz})::date, product_id, resource_id, tags, gross, discount, 0, net
        from orders where type in (${spendOrderTypesSql}) ${only}
    ) s group by account_id, day, product_id, resource_id, tags`;
}

/** The (account, month) pairs whose monthly_spend row differs from its charges and orders. */
function monthlyDifferences(accountId?: string) {
  return sql`with r as (${recomputed(platformTimeZone(), accountId)})
    select coalesce(r.account_id, m.account_id)::text as account_id, coalesce(r.month, m.month)::text as at
    from r full join (select * from monthly_spend where true ${accountId ? sql`and account_id = ${accountId}::uuid` : sql``}) m
      on m.account_id = r.account_id and m.month = r.month
    where r.account_id is null or m.account_id is null
      or (r.gross, r.discount, r.voucher_paid, r.cash_paid, r.items) is distinct from (m.gross, m.discount, m.voucher_paid, m.cash_paid, m.items)`;
}

/** The (account, day) pairs where a daily_costs row differs from its charges and orders. */
function dailyDifferences(accountId?: string) {
  return sql`with r as (${recomputedDaily(platformTimeZone(), accountId)})
    select distinct coalesce(r.account_id, d.account_id)::text as account_id, coalesce(r.day, d.day)::text as at
    from r full join (select * from daily_costs where true ${accountId ? sql`and account_id = ${accountId}::uuid` : sql``}) d
      on d.account_id = r.account_id and d.day = r.day and d.product_id = r.product_id
        and d.resource_id is not distinct from r.resource_id and d.tags = r.tags
    where r.account_id is null or d.account_id is null
      or (r.gross, r.discount, r.voucher_paid, r.cash_paid, r.items) is distinct from (d.gross, d.discount, d.voucher_paid, d.cash_paid, d.items)`;
}

/** Months whose rollup differs from their charges and orders (empty when all agree). */
export async function verifyMonthlySpend(db: DbOrTx, accountId?: string): Promise<{ accountId: string; month: string }[]> {
  const found = await rows(db, sql`${monthlyDifferences(accountId)} order by 1, 2`, { account_id: col.text, at: col.text });
  return found.map((r) => ({ accountId: r.account_id, month: r.at }));
}

/** Days (per account) whose daily_costs rows differ from their charges and orders (empty when all agree). */
export async function verifyDailyCosts(db: DbOrTx, accountId?: string): Promise<{ accountId: string; day: string }[]> {
  const found = await rows(db, sql`${dailyDifferences(accountId)} order by 1, 2`, { account_id: col.text, at: col.text });
  return found.map((r) => ({ accountId: r.account_id, day: r.at }));
}

/**
 * The rollups' checks for `npm run ledger:verify` (lib/ledger/verify.ts), as (subject,
 * detail) queries: each is recomputed from the charges and orders in the platform time zone.
 */
export function spendRollupChecks(): { name: string; description: string; query: SQL }[] {
  const fix = "differs from its charges and orders (npm run costs:rebuild)";
  return [
    {
      name: "monthly-spend",
      description: "each month of monthly_spend equals the charges and subscription orders recorded in it",
      query: sql`select account_id || ' ' || at as subject, ${`month ${fix}`}::text as detail from (${monthlyDifferences()}) x`,
    },
    {
      name: "daily-costs",
      description: "each day of daily_costs equals the charges and subscription orders recorded in it, per resource, product and tags",
      query: sql`select account_id || ' ' || at as subject, ${`day ${fix}`}::text as detail from (${dailyDifferences()}) x`,
    },
  ];
}

/**
 * Rebuilds both rollups, monthly_spend and daily_costs, from the charges and orders (after
 * changing the platform time zone, or when a verify found a difference): `npm run costs:rebuild`.
 */
export async function rebuildSpendRollups(db: DbOrTx): Promise<void> {
  const tz = platformTimeZone();
  await withTx(db, async (tx) => {
    await tx.execute(sql`lock table monthly_spend, daily_costs in exclusive mode`);
    await tx.execute(sql`delete from monthly_spend`);
    await tx.execute(sql`insert into monthly_spend (account_id, month, gross, discount, voucher_paid, cash_paid, items) ${recomputed(tz)}`);
    await tx.execute(sql`delete from daily_costs`);
    await tx.execute(sql`insert into daily_costs (account_id, day, product_id, resource_id, tags, gross, discount, voucher_paid, cash_paid, items) ${recomputedDaily(tz)}`);
  });
}
