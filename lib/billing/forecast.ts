import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { col, rows } from "@/db/rows";
import { resources } from "@/db/schema";
import { renewalPrice } from "./renewal";
import { addMonths, fromWall, platformTimeZone, toWall } from "./time";

const DAY = 86_400_000;
/** The trailing window the forecast's daily rate is taken from. */
export const FORECAST_TRAILING_DAYS = 7;

/** What a cost figure covers: everything, one product, or one tag value (as charged). */
export interface CostScope {
  productId?: string;
  tag?: { key: string; value: string };
}

/** A sum of spend: list price, and net (after discounts and promotions, before vouchers pay any of it). */
export interface Amounts {
  gross: bigint;
  net: bigint;
}

export interface MonthForecast {
  /** "YYYY-MM", in the platform time zone. */
  month: string;
  /** Charges and subscription orders recorded from the month's start up to now. */
  monthToDate: Amounts;
  /** Pay-as-you-go spend per day over the trailing 7 full days. */
  dailyRate: Amounts;
  /** The rest of the month at the daily rate. */
  restOfMonth: Amounts;
  /** Auto-renewing subscriptions whose term ends before the month does, at their renewal price. */
  renewals: Amounts;
  /** monthToDate + restOfMonth + renewals. */
  forecast: Amounts;
}

/** daily_costs rows of one account within a scope, as SQL conditions on the alias `d` (products as `p`). */
export function scopeCondition(scope: CostScope | undefined): SQL {
  const parts: SQL[] = [];
  if (scope?.productId) parts.push(sql`d.product_id = ${scope.productId}`);
  if (scope?.tag) parts.push(sql`d.tags @> jsonb_build_object(${scope.tag.key}::text, ${scope.tag.value}::text)`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/** The first instant of t's month and of the next, in the platform time zone. */
export function monthBounds(t: Date, tz = platformTimeZone()): { start: Date; end: Date; month: string } {
  const w = toWall(t, tz);
  const start = fromWall({ year: w.year, month: w.month, day: 1, hour: 0, minute: 0, second: 0, ms: 0 }, tz);
  return { start, end: addMonths(start, 1, tz), month: `${w.year}-${String(w.month).padStart(2, "0")}` };
}

const day = (t: Date, tz: string) => {
  const w = toWall(t, tz);
  return `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
};

/**
 * This month's expected total for one account (and scope): month to date, plus the
 * trailing 7 full days' pay-as-you-go daily rate for the time left in the month, plus the
 * renewals of auto-renewing subscriptions due before it ends, at their price. Reads the
 * daily_costs rollup: a month and a week of rows per resource, however long the history.
 */
export async function monthForecast(db: DbOrTx, opts: { accountId: string; now: Date; scope?: CostScope }): Promise<MonthForecast> {
  const tz = platformTimeZone();
  const { start, end, month } = monthBounds(opts.now, tz);
  const today = day(opts.now, tz);
  const trailingFrom = day(new Date(opts.now.getTime() - FORECAST_TRAILING_DAYS * DAY), tz);
  const [r] = await rows(
    db,
    sql`select
        coalesce(sum(d.gross) filter (where d.day >= ${day(start, tz)}::date), 0)::text as mtd_gross,
        coalesce(sum(d.gross - d.discount) filter (where d.day >= ${day(start, tz)}::date), 0)::text as mtd_net,
        coalesce(sum(d.gross) filter (where d.day >= ${trailingFrom}::date and d.day < ${today}::date and p.billing_mode <> 'subscription'), 0)::text as rate_gross,
        coalesce(sum(d.gross - d.discount) filter (where d.day >= ${trailingFrom}::date and d.day < ${today}::date and p.billing_mode <> 'subscription'), 0)::text as rate_net
      from daily_costs d join products p on p.id = d.product_id
      where d.account_id = ${opts.accountId}::uuid and d.day >= least(${day(start, tz)}::date, ${trailingFrom}::date) and d.day <= ${today}::date
        and ${scopeCondition(opts.scope)}`,
    { mtd_gross: col.bigint, mtd_net: col.bigint, rate_gross: col.bigint, rate_net: col.bigint },
  );
  const days = BigInt(FORECAST_TRAILING_DAYS);
  const dailyRate = { gross: r!.rate_gross / days, net: r!.rate_net / days };
  // The time left in the month, in milliseconds: the rate runs from now to the month's end.
  const leftMs = BigInt(Math.max(0, end.getTime() - opts.now.getTime()));
  const restOfMonth = { gross: (r!.rate_gross * leftMs) / (days * BigInt(DAY)), net: (r!.rate_net * leftMs) / (days * BigInt(DAY)) };
  const renewals = await renewalsBefore(db, opts.accountId, opts.now, end, opts.scope);
  const monthToDate = { gross: r!.mtd_gross, net: r!.mtd_net };
  return {
    month,
    monthToDate,
    dailyRate,
    restOfMonth,
    renewals,
    forecast: { gross: monthToDate.gross + restOfMonth.gross + renewals.gross, net: monthToDate.net + restOfMonth.net + renewals.net },
  };
}

/** Auto-renewing running subscriptions whose term ends in (now, end], priced as their renewal would be; read in pages of 500. */
async function renewalsBefore(db: DbOrTx, accountId: string, now: Date, end: Date, scope?: CostScope): Promise<Amounts> {
  const out = { gross: 0n, net: 0n };
  for (let after = "00000000-0000-0000-0000-000000000000"; ; ) {
    const due = await db
      .select()
      .from(resources)
      .where(
        sql`${resources.accountId} = ${accountId}::uuid and ${resources.status} = 'running' and ${resources.billingMode} = 'subscription' and ${resources.autoRenew}
          and ${resources.expiresAt} > ${now.toISOString()}::timestamptz and ${resources.expiresAt} <= ${end.toISOString()}::timestamptz
          and ${resources.id} > ${after}::uuid
          ${scope?.productId ? sql`and ${resources.productId} = ${scope.productId}` : sql``}
          ${scope?.tag ? sql`and ${resources.tags} @> jsonb_build_object(${scope.tag.key}::text, ${scope.tag.value}::text)` : sql``}`,
      )
      .orderBy(resources.id)
      .limit(500);
    for (const r of due) {
      const priced = await renewalPrice(db, r);
      out.gross += priced.gross;
      out.net += priced.net;
    }
    if (due.length < 500) return out;
    after = due.at(-1)!.id;
  }
}
