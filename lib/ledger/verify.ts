import { sql, type SQL } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { rowsOf } from "@/db/rows";
import type { DbOrTx } from "@/db/client";
import { spendRollupChecks } from "@/lib/billing/spend";

export interface VerifyCheck {
  name: string;
  description: string;
  violations: number;
  /** Up to 10 offending rows, as readable lines. */
  samples: string[];
}

export interface VerifyReport {
  ok: boolean;
  counts: { ledgerAccounts: number; transactions: number; entries: number; activeHolds: number };
  checks: VerifyCheck[];
}

const SAMPLE_LIMIT = 10;

/**
 * Each check is a query returning its violations as (subject, detail) rows. Amounts are
 * cast to text so neither driver turns them into floats.
 */
const CHECKS: { name: string; description: string; query: SQL }[] = [
  {
    name: "balanced-transactions",
    description: "every transaction has two or more entries that sum to zero",
    query: sql`select t.id::text as subject,
        count(e.id) || ' entries summing to ' || coalesce(sum(e.amount), 0)::text as detail
      from ledger_transactions t left join ledger_entries e on e.transaction_id = t.id
      group by t.id having count(e.id) < 2 or coalesce(sum(e.amount), 0) <> 0`,
  },
  {
    name: "cached-balances",
    description: "every cached balance equals the sum of its account's entries",
    query: sql`select la.id::text as subject,
        la.kind || coalesce(' ' || la.ref, '') || ' of ' || coalesce(la.account_id::text, 'platform') || ': cached ' || la.balance::text || ', entries ' || coalesce(s.total, 0)::text as detail
      from ledger_accounts la left join (select ledger_account_id, sum(amount) as total from ledger_entries group by 1) s on s.ledger_account_id = la.id
      where la.balance <> coalesce(s.total, 0)`,
  },
  {
    name: "running-balances",
    description: "every entry's balance-after equals the running sum of its account's entries",
    query: sql`select x.id::text as subject, 'balance after ' || x.balance_after::text || ', running sum ' || x.running::text as detail
      from (select id, balance_after, sum(amount) over (partition by ledger_account_id order by id) as running from ledger_entries) x
      where x.balance_after <> x.running`,
  },
  {
    name: "frozen-equals-holds",
    description: "each account's frozen balance equals the sum of its active holds",
    query: sql`select coalesce(f.account_id, h.account_id)::text as subject,
        'frozen ' || coalesce(f.balance, 0)::text || ', active holds ' || coalesce(h.total, 0)::text as detail
      from (select account_id, balance from ledger_accounts where kind = 'frozen') f
      full join (select account_id, sum(amount) as total from holds where status = 'active' group by 1) h on h.account_id = f.account_id
      where coalesce(f.balance, 0) <> coalesce(h.total, 0)`,
  },
  {
    name: "hold-postings",
    description: "every hold was placed (and, if released, released) by a posting of its own amount and account",
    query: sql`select h.id::text as subject, 'hold of ' || h.amount::text || ' (' || h.status || ') does not match its postings' as detail
      from holds h
      left join ledger_transactions p on p.id = h.placed_transaction_id
      left join ledger_transactions r on r.id = h.released_transaction_id
      where p.id is null or p.hold_id is distinct from h.id or p.account_id <> h.account_id
        or (select coalesce(sum(e.amount), 0) from ledger_entries e join ledger_accounts la on la.id = e.ledger_account_id
            where e.transaction_id = p.id and la.kind = 'frozen') <> h.amount
        or (h.status = 'released' and (r.id is null or r.hold_id is distinct from h.id
          or (select coalesce(sum(e.amount), 0) from ledger_entries e join ledger_accounts la on la.id = e.ledger_account_id
              where e.transaction_id = r.id and la.kind = 'frozen') <> -h.amount))`,
  },
  {
    name: "refusable-postings",
    description: "no refusable posting (hold, purchase) took available funds below zero",
    query: sql`select t.id::text as subject,
        t.type || ': available after ' || coalesce(t.available_after::text, 'unknown') || ', cash after ' || coalesce(c.balance_after::text, 'none') || ' + credit limit ' || coalesce(t.credit_limit::text, 'unknown') as detail
      from ledger_transactions t
      left join lateral (select max(e.balance_after) as balance_after from ledger_entries e join ledger_accounts la on la.id = e.ledger_account_id
        where e.transaction_id = t.id and la.kind = 'cash' and la.account_id = t.account_id) c on true
      where t.guarded and (t.available_after is null or t.available_after < 0 or c.balance_after is null
        or t.available_after <> c.balance_after + t.credit_limit)`,
  },
  {
    name: "non-negative-frozen",
    description: "no frozen balance is negative",
    query: sql`select account_id::text as subject, 'frozen ' || balance::text as detail from ledger_accounts where kind = 'frozen' and balance < 0`,
  },
];

/**
 * Proves the whole ledger from its entries; read-only, safe on a live database. Given
 * the database, it reads one snapshot, so postings committing meanwhile cannot show up
 * in one check and not in another.
 */
export async function verifyLedger(db: DbOrTx, opts: { rollups?: boolean } = {}): Promise<VerifyReport> {
  if (db instanceof PgTransaction) return verifyIn(db, opts);
  return db.transaction((tx) => verifyIn(tx, opts), { isolationLevel: "repeatable read", accessMode: "read only" });
}

/**
 * `rollups` adds the spend rollups' checks (monthly_spend, daily_costs recomputed from the
 * charges and orders, lib/billing/spend.ts): `npm run ledger:verify` runs them; callers that
 * prove only the money (balances from entries) leave them out.
 */
async function verifyIn(db: DbOrTx, opts: { rollups?: boolean }): Promise<VerifyReport> {
  const checks: VerifyCheck[] = [];
  for (const c of [...CHECKS, ...(opts.rollups ? spendRollupChecks() : [])]) {
    const found = await rowsOf(db, c.query);
    checks.push({
      name: c.name,
      description: c.description,
      violations: found.length,
      samples: found.slice(0, SAMPLE_LIMIT).map((r) => `${r.subject}: ${r.detail}`),
    });
  }
  const [n] = await rowsOf(
    db,
    sql`select (select count(*) from ledger_accounts)::text as a, (select count(*) from ledger_transactions)::text as t,
      (select count(*) from ledger_entries)::text as e, (select count(*) from holds where status = 'active')::text as h`,
  );
  return {
    ok: checks.every((c) => c.violations === 0),
    counts: { ledgerAccounts: Number(n!.a), transactions: Number(n!.t), entries: Number(n!.e), activeHolds: Number(n!.h) },
    checks,
  };
}

export function formatVerifyReport(report: VerifyReport): string {
  const c = report.counts;
  const lines = [`Ledger verify: ${c.transactions} transactions, ${c.entries} entries, ${c.ledgerAccounts} ledger accounts, ${c.activeHolds} active holds`];
  for (const check of report.checks) {
    lines.push(`  ${check.violations === 0 ? "ok  " : "FAIL"} ${check.description}${check.violations ? ` (${check.violations} violations)` : ""}`);
    for (const s of check.samples) lines.push(`         ${s}`);
    if (check.violations > check.samples.length) lines.push(`         … and ${check.violations - check.samples.length} more`);
  }
  lines.push(report.ok ? "Ledger is consistent." : "Ledger has violations.");
  return lines.join("\n");
}
