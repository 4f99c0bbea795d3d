import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activateResource } from "@/lib/billing/activate";
import { verifyDailyCosts, verifyMonthlySpend } from "@/lib/billing/spend";
import { rowsOf } from "@/db/rows";
import { atTime } from "@/lib/clock";
import { topUp, verifyLedger } from "@/lib/ledger";
import { dollars } from "@/lib/money";
import { charges } from "@/db/schema";
import { DEMO_ACCOUNTS } from "@/lib/demo/logins";
import { seedDemo } from "@/lib/demo/seed";
import { ensureCatalogue } from "../fixtures/billing";
import { useTestDb } from "../fixtures/db";
import { createAccount, key, system } from "../fixtures/ledger";

const handle = useTestDb();
const db = () => handle().db;
const [ACME, GLOBEX] = DEMO_ACCOUNTS.map((a) => a.id);

describe("simulated time", () => {
  it("stamps postings and their audit records made inside atTime with that time, and leaves the rest to the database", async () => {
    const acct = await createAccount(db());
    const past = new Date("2024-02-29T12:34:56Z");
    const then = await atTime(past, () => topUp(db(), { accountId: acct, amount: dollars(1), provider: "test", idempotencyKey: key("t"), actor: system }));
    const now = await topUp(db(), { accountId: acct, amount: dollars(1), provider: "test", idempotencyKey: key("t"), actor: system });
    expect(then.createdAt.toISOString()).toBe(past.toISOString());
    expect(Math.abs(now.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    const audit = await rowsOf(db(), sql`select at from audit_log where target_id = ${then.transactionId}`);
    expect(new Date(String(audit[0]!.at)).toISOString()).toBe(past.toISOString());
  });
});

describe("the demo's year of history", () => {
  it("is made by the engine over simulated time: a charge in every month, discounts, a voucher, a renewal, and a ledger that adds up", { timeout: 180_000 }, async () => {
    // A fixed clock, the 1st of a month at noon: the new month has only hours of usage and the
    // annual subscription bought a year ago at 10:30 has just renewed (the edges a date finds).
    const now = new Date("2026-06-01T12:00:00Z");
    // A customer of this database who is not part of the demo: seeding never bills them.
    await ensureCatalogue(db());
    const other = await createAccount(db());
    await topUp(db(), { accountId: other, amount: dollars(100), provider: "test", idempotencyKey: key("t"), actor: system });
    const { resource } = await activateResource(db(), { accountId: other, productId: "test.hourly", quantity: 1, actor: system, idempotencyKey: key("a"), now: new Date(now.getTime() - 3 * 86_400_000) });
    await seedDemo(db(), now);
    expect(await db().select().from(charges).where(eq(charges.resourceId, resource.id))).toEqual([]);
    expect((await verifyLedger(db())).ok).toBe(true);
    // The chart's rollup agrees with the charges and orders.
    expect([...(await verifyMonthlySpend(db(), ACME)), ...(await verifyMonthlySpend(db(), GLOBEX))]).toEqual([]);

    const months = await rowsOf(
      db(),
      sql`select to_char(date_trunc('month', period_start), 'YYYY-MM') as month, sum(gross)::text as gross, sum(discount)::text as discount,
          sum(voucher_paid)::text as voucher, sum(cash_part)::text as cash,
          count(*) filter (where product_id = 'bms.c6.metal')::int as metal, coalesce(sum(discount) filter (where product_id = 'bms.c6.metal'), 0)::text as metal_discount
        from charges where account_id = ${ACME}::uuid group by 1 order by 1`,
    );
    expect(months.length).toBeGreaterThanOrEqual(12); // the first of the month a year ago, up to this month
    expect(months.every((m) => BigInt(m.gross as string) > 0n)).toBe(true);
    expect(months.some((m) => BigInt(m.voucher as string) > 0n)).toBe(true);
    // The bare-metal rate, all year: every month with bare-metal charges has its discount. (On
    // the 1st of a month the new month has only a few hours of hourly products: the daily
    // bare-metal increment is posted at the next midnight, so "every month" would fail then.)
    const metalMonths = months.filter((m) => Number(m.metal) > 0);
    expect(metalMonths.length).toBeGreaterThanOrEqual(12);
    expect(metalMonths.filter((m) => BigInt(m.metal_discount as string) > 0n).length).toBe(metalMonths.length);

    // Every charge is in the past, and the ledger's usage postings are stamped across the year.
    const [span] = await rowsOf(
      db(),
      sql`select min(created_at) as first, max(created_at) as last, count(distinct date_trunc('month', created_at))::int as months
        from ledger_transactions where account_id = ${ACME}::uuid and type = 'usage'`,
    );
    expect(Number(span!.months)).toBeGreaterThanOrEqual(12);
    expect(new Date(String(span!.last)).getTime()).toBeLessThanOrEqual(now.getTime() + 3_600_000);
    const [future] = await rowsOf(
      db(),
      sql`select count(*)::int as n from charges where account_id in (${ACME}::uuid, ${GLOBEX}::uuid) and period_end > ${new Date(now.getTime() + 3_600_000).toISOString()}::timestamptz`,
    );
    expect(future!.n).toBe(0);

    // Cash paid by charges equals what the ledger deducted, plus what still accrues below a cent.
    const [cash] = await rowsOf(
      db(),
      sql`select (select coalesce(sum(cash_part), 0) from charges where account_id = ${ACME}::uuid)::text as charged,
          (select -coalesce(sum(e.amount), 0) from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
            join ledger_accounts a on a.id = e.ledger_account_id
            where t.account_id = ${ACME}::uuid and t.type = 'usage' and a.kind = 'cash')::text as deducted,
          (select accrued from account_billing_state where account_id = ${ACME}::uuid)::text as accrued`,
    );
    expect(BigInt(cash!.charged as string)).toBe(BigInt(cash!.deducted as string) + BigInt(cash!.accrued as string));

    // The annual subscription bought at the start (10:30 on the first day) renewed once its term ended; nobody is overdue.
    const [sub] = await rowsOf(db(), sql`select count(*)::int as n from orders where account_id = ${ACME}::uuid and type = 'renewal'`);
    const termEnd = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 10, 30);
    expect(sub!.n).toBe(Math.floor(now.getTime() / 3_600_000) * 3_600_000 > termEnd ? 1 : 0);
    const overdue = await rowsOf(db(), sql`select account_id from account_billing_state where overdue_since is not null and account_id in (${ACME}::uuid, ${GLOBEX}::uuid)`);
    expect(overdue).toEqual([]);

    // Tagged as a finance user would ask about it: team:ml is the GPU bursts and the batch job, nothing else;
    // the database's charges carry team:web up to its move to the data team mid-year and team:data after;
    // the tag-level rollup agrees with the charges.
    const teams = await rowsOf(
      db(),
      sql`select c.tags->>'team' as team, array_agg(distinct c.product_id order by c.product_id) as products, count(distinct r.name)::int as resources
        from charges c join resources r on r.id = c.resource_id where c.account_id = ${ACME}::uuid group by 1 order by 1`,
    );
    expect(teams.find((t) => t.team === "ml")).toEqual({ team: "ml", products: ["ecs.g7.large", "gpu.a10.xlarge"], resources: 7 });
    expect(teams.map((t) => t.team)).toEqual(["data", "ml", "web"]);
    const metalTeams = await rowsOf(db(), sql`select distinct tags->>'team' as team, min(period_start) < ${new Date("2025-12-01T00:00:00Z").toISOString()}::timestamptz as early from charges where account_id = ${ACME}::uuid and product_id = 'bms.c6.metal' group by 1 order by 1`);
    expect(metalTeams).toEqual([{ team: "data", early: false }, { team: "web", early: true }]);
    expect([...(await verifyDailyCosts(db(), ACME)), ...(await verifyDailyCosts(db(), GLOBEX))]).toEqual([]);

    // Seeding again adds nothing.
    const before = await rowsOf(db(), sql`select (select count(*) from ledger_transactions)::int as tx, (select count(*) from charges)::int as charges`);
    await seedDemo(db(), now);
    expect(await rowsOf(db(), sql`select (select count(*) from ledger_transactions)::int as tx, (select count(*) from charges)::int as charges`)).toEqual(before);
  });
});
