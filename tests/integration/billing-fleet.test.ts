import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { runBilling } from "@/lib/billing/run";
import { verifyMonthlySpend } from "@/lib/billing/spend";
import { rowsOf } from "@/db/rows";
import { verifyLedger } from "@/lib/ledger";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { bulkFleet, fleetCharges, stopFleet } from "./bulk-fleet";

const handle = useTestDb();
const db = () => handle().db;
const HOUR = 3_600_000;
const UNTIL = new Date("2032-05-20T00:00:00Z");
const fleets: string[] = [];

/** A bulk fleet billed up to `hours` before UNTIL, with a 15 % discount on every seventh account so cash parts vary. */
async function fleet(label: string, accounts: number, perAccount: number, hours: number): Promise<string[]> {
  const { accountIds } = await bulkFleet(db(), { label, accounts, perAccount, start: new Date(UNTIL.getTime() - hours * HOUR) });
  await db().execute(sql`insert into account_discounts (account_id, product_id, rate_bps, reason)
    select id, null, 1500, 'fleet test' from unnest(${sql.param(accountIds)}::uuid[]) with ordinality as t(id, n) where n % 7 = 0`);
  for (const a of accountIds) fleets.push(a);
  return accountIds;
}

describe.skipIf(!process.env.DATABASE_URL)("billing a fleet on PostgreSQL: no batch size breaks a statement", { timeout: 600_000 }, () => {
  // Stopped when done, so no later whole-platform run of another file (with its own clock) charges them.
  afterAll(async () => stopFleet(db(), fleets));

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

    const ids = sql`${sql.param(all)}::uuid[]`;
    const [c] = await rowsOf(
      db(),
      sql`select count(*)::int as n, count(distinct (resource_id, period_start))::int as d, coalesce(sum(cash_part), 0)::text as cash
        from charges where account_id = any(${ids})`,
    );
    expect(c!.n).toBe(expected);
    expect(c!.d).toBe(expected);
    // Every resource has exactly its hours, each once and without a gap.
    expect(await fleetCharges(db(), big)).toEqual({ charges: 2000 * 48, distinct: 2000 * 48, minPerResource: 48, maxPerResource: 48, gaps: 0 });
    expect(await fleetCharges(db(), many)).toEqual({ charges: 100 * 150 * 24, distinct: 100 * 150 * 24, minPerResource: 24, maxPerResource: 24, gaps: 0 });
    const [late] = await rowsOf(db(), sql`select count(*)::int as n from resources where account_id = any(${ids}) and billed_until <> ${UNTIL.toISOString()}::timestamptz`);
    expect(late!.n).toBe(0);

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
