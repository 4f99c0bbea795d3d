// Fleets for the billing crash and failure tests, written by bulk SQL (one statement per
// table, whatever the size): the tests are about charging, not about activating.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";

export interface BulkFleet {
  accountIds: string[];
  resources: number;
}

/**
 * `accounts` customer accounts ("<label> n"), each with `perAccount` running hourly
 * resources of the test catalogue started at `start` and billed up to it, a billing-state
 * row, and a credit limit large enough that no overrun charge is due.
 */
export async function bulkFleet(db: Db, opts: { label: string; accounts: number; perAccount: number; start: Date }): Promise<BulkFleet> {
  const tag = `${opts.label} ${crypto.randomUUID().slice(0, 8)}`;
  const rows = await rowsOf(db, sql`insert into accounts (name) select ${tag} || ' ' || g from generate_series(1, ${opts.accounts}::int) g returning id`);
  const accountIds = rows.map((r) => String(r.id)).sort();
  const ids = sql`${sql.param(accountIds)}::uuid[]`;
  await db.execute(sql`insert into billing_settings (account_id, credit_limit) select a, 1000000000000 from unnest(${ids}) a`);
  await db.execute(sql`insert into account_billing_state (account_id) select a from unnest(${ids}) a`);
  await db.execute(sql`insert into resources (account_id, product_id, name, quantity, status, billing_mode, unit_price, started_at, billed_until, request_key)
    select a, case when i % 2 = 0 then 'test.hourly' else 'test.cheap' end, 'vm-' || i, 1 + i % 3, 'running', 'payg_hourly',
      case when i % 2 = 0 then 60000 else 3333 end, ${opts.start.toISOString()}::timestamptz, ${opts.start.toISOString()}::timestamptz, 'bulk-' || a || '-' || i
    from unnest(${ids}) a, generate_series(1, ${opts.perAccount}::int) i`);
  return { accountIds, resources: opts.accounts * opts.perAccount };
}

/** Stops a fleet's resources, so no later whole-platform run (another test's clock) charges them. */
export async function stopFleet(db: Db, accountIds: string[]): Promise<void> {
  await db.execute(sql`update resources set status = 'stopped' where account_id = any(${sql.param(accountIds)}::uuid[]) and status = 'running'`);
}

/**
 * Charges of a fleet: how many, how many distinct increments, and per resource the fewest
 * and most charges and the latest increment charged (as an ISO time).
 */
export async function fleetCharges(db: Db, accountIds: string[]): Promise<{ charges: number; distinct: number; minPerResource: number; maxPerResource: number; gaps: number }> {
  const ids = sql`${sql.param(accountIds)}::uuid[]`;
  const [c] = await rowsOf(db, sql`select count(*)::int n, count(distinct (resource_id, period_start))::int d from charges where account_id = any(${ids})`);
  const [p] = await rowsOf(
    db,
    sql`select coalesce(min(per), 0)::int lo, coalesce(max(per), 0)::int hi, coalesce(sum(gaps), 0)::int gaps from (
        select r.id, count(c.id) per,
          -- an increment whose start is not the previous one's end, or the first not at the start
          count(*) filter (where c.id is not null and c.period_start <> coalesce(c.prev_end, r.started_at)) gaps
        from resources r
        left join (select id, resource_id, period_start, lag(period_end) over (partition by resource_id order by period_start) prev_end from charges
                   where account_id = any(${ids})) c on c.resource_id = r.id
        where r.account_id = any(${ids}) group by r.id) x`,
  );
  return { charges: Number(c!.n), distinct: Number(c!.d), minPerResource: Number(p!.lo), maxPerResource: Number(p!.hi), gaps: Number(p!.gaps) };
}
