import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { runBilling } from "@/lib/billing/run";
import { verifyMonthlySpend } from "@/lib/billing/spend";
import { rowsOf } from "@/lib/billing/tx";
import { verifyLedger } from "@/lib/ledger";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";

const handle = useTestDb();
const db = () => handle().db;
const HOUR = 3_600_000;
const UNTIL = new Date("2032-05-20T00:00:00Z");

/**
 * `accounts` customer accounts with `perAccount` running hourly resources each, billed up
 * to `hours` hours before UNTIL, written in two statements (the test is about charging a
 * fleet, not activating one). Products, quantities and a 15 % discount on every seventh
 * account vary so that cash parts leave sub-cent remainders to accrue.
 */
async function fleet(tag: string, accounts: number, perAccount: number, hours: number): Promise<string[]> {
  const start = new Date(UNTIL.getTime() - hours * HOUR).toISOString();
  const rows = await rowsOf(
    db(),
    sql`with a as (
        insert into accounts (name) select ${`Fleet ${tag} `} || g from generate_series(1, ${accounts}::int) g returning id
      ), r as (
        insert into resources (account_id, product_id, name, quantity, status, billing_mode, unit_price, started_at, billed_until, request_key)
        select a.id, case when i % 2 = 0 then 'test.cheap' else 'test.hourly' end, 'vm-' || i, 1 + i % 3, 'running', 'payg_hourly',
          case when i % 2 = 0 then 3333 else 60000 end, ${start}::timestamptz, ${start}::timestamptz, 'fleet-' || i
        from a, generate_series(1, ${perAccount}::int) i
      )
      select id from a order by id`,
  );
  const ids = rows.map((r) => String(r.id));
  await db().execute(sql`insert into account_discounts (account_id, product_id, rate_bps, reason)
    select id, null, 1500, 'fleet test' from unnest(${`{${ids.join(",")}}`}::uuid[]) with ordinality as t(id, n) where n % 7 = 0`);
  return ids;
}

describe.skipIf(!process.env.DATABASE_URL)("billing a fleet on PostgreSQL: no batch size breaks a statement", () => {
  it("one account with 2,000 resources 48 hours behind and 100 accounts × 150 resources 24 hours behind are billed in one run, every increment once", async () => {
    await ensureCatalogue(db());
    const big = await fleet("big", 1, 2000, 48);
    const many = await fleet("many", 100, 150, 24);
    const all = [...big, ...many];
    const expected = 2000 * 48 + 100 * 150 * 24;

    const t = performance.now();
    const run = await runBilling(db(), { until: UNTIL, accountIds: all });
    const seconds = (performance.now() - t) / 1000;
    console.log(`billing-fleet: ${run.charges} charges in ${seconds.toFixed(1)} s (${run.batches} transactions)`);
    expect(run.charges).toBe(expected);

    const ids = sql`${`{${all.join(",")}}`}::uuid[]`;
    const [c] = await rowsOf(
      db(),
      sql`select count(*)::int as n, count(distinct (resource_id, period_start))::int as d, coalesce(sum(cash_part), 0)::text as cash,
          min(period_start) as first, max(period_end) as last
        from charges where account_id = any(${ids})`,
    );
    expect(c!.n).toBe(expected);
    expect(c!.d).toBe(expected);
    // Every resource has exactly its hours, each hour once, and is billed up to the end.
    const wrong = await rowsOf(
      db(),
      sql`select r.id from resources r left join charges c on c.resource_id = r.id
        where r.account_id = any(${ids})
        group by r.id, r.account_id, r.billed_until, r.started_at
        having count(c.id) <> extract(epoch from ${UNTIL.toISOString()}::timestamptz - r.started_at) / 3600
          or r.billed_until <> ${UNTIL.toISOString()}::timestamptz
          or count(distinct c.period_start) <> count(c.id)`,
    );
    expect(wrong).toEqual([]);

    // Deducted (what left the cash accounts) + still accrued = the cash parts charged.
    const [m] = await rowsOf(
      db(),
      sql`select (select coalesce(-sum(balance), 0) from ledger_accounts where kind = 'cash' and account_id = any(${ids}))::text as deducted,
          (select coalesce(sum(accrued), 0) from account_billing_state where account_id = any(${ids}))::text as accrued,
          (select count(*) from account_billing_state where account_id = any(${ids}) and accrued >= 10000)::int as over_a_cent`,
    );
    expect(BigInt(String(m!.deducted)) + BigInt(String(m!.accrued))).toBe(BigInt(String(c!.cash)));
    expect(BigInt(String(m!.accrued))).toBeGreaterThan(0n);
    expect(m!.over_a_cent).toBe(0);

    expect((await verifyLedger(db())).ok).toBe(true);
    expect(await verifyMonthlySpend(db())).toEqual([]);

    // Nothing is left: a second run charges nothing.
    expect((await runBilling(db(), { until: UNTIL, accountIds: all })).charges).toBe(0);
  });
});
