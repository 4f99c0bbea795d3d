import { and, asc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { col, rows } from "@/db/rows";
import { charges } from "@/db/schema";

export interface UsageListFilter {
  accountId: string;
  resourceId?: string | null;
  from?: Date | null;
  to?: Date | null;
  /** Rows strictly after this (periodStart, id) position. */
  after?: { t: Date; id: string } | null;
  limit: number;
}

/**
 * An account's usage summed per resource and increment, in (increment start, resource) order,
 * `limit` rows. An event's increment is the one that charged it (charged_period_start); an
 * uncharged one's is where the billing run will charge it: its own hour or day in the
 * platform time zone `tz`, or the resource's next increment (billed_until) when it was
 * reported late. `from`/`to` select events by occurredAt. One statement, bounded by `limit`.
 */
export async function usageByIncrement(db: DbOrTx, f: UsageListFilter & { tz: string }) {
  const where: SQL[] = [sql`u.account_id = ${f.accountId}`];
  if (f.resourceId) where.push(sql`u.resource_id = ${f.resourceId}`);
  if (f.from) where.push(sql`u.occurred_at >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) where.push(sql`u.occurred_at < ${f.to.toISOString()}::timestamptz`);
  const after = f.after ? sql`where (g.period_start, g.resource_id) > (${f.after.t.toISOString()}::timestamptz, ${f.after.id}::uuid)` : sql``;
  return rows(
    db,
    sql`select g.* from (
        select u.resource_id, coalesce(u.charged_period_start,
            greatest(date_trunc(case when r.billing_mode = 'payg_daily' then 'day' else 'hour' end, u.occurred_at at time zone ${f.tz}) at time zone ${f.tz}, r.billed_until)) as period_start,
          bool_and(u.charged_period_start is not null) as charged, sum(u.quantity) as quantity, count(*) as events
        from usage_events u join resources r on r.id = u.resource_id
        where ${sql.join(where, sql` and `)}
        group by 1, 2
      ) g ${after}
      order by g.period_start, g.resource_id
      limit ${f.limit}`,
    { resource_id: col.text, period_start: col.date, charged: col.bool, quantity: col.bigint, events: col.int },
  );
}

/** An account's charge lines (one per resource and increment) in (period start, id) order, `limit` rows. */
export async function chargeLines(db: DbOrTx, f: UsageListFilter) {
  const where = [eq(charges.accountId, f.accountId)];
  if (f.resourceId) where.push(eq(charges.resourceId, f.resourceId));
  if (f.from) where.push(gte(charges.periodStart, f.from));
  if (f.to) where.push(lt(charges.periodStart, f.to));
  if (f.after) where.push(sql`(${charges.periodStart}, ${charges.id}) > (${f.after.t.toISOString()}::timestamptz, ${f.after.id}::bigint)`);
  return db
    .select()
    .from(charges)
    .where(and(...where))
    .orderBy(asc(charges.periodStart), asc(charges.id))
    .limit(f.limit);
}
