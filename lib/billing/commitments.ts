import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { col, rows } from "@/db/rows";
import { pgArray } from "@/db/sql-arrays";
import { periodOf } from "@/lib/invoices/period";
import { type Actor, post } from "@/lib/ledger";
import { divRoundHalfEven, roundHalfEvenToCents } from "@/lib/money";
import { loadOrderForms, type OrderFormTerms } from "./order-forms";

/**
 * The month's close of order-form commitments (docs/billing.md, "Committed monthly
 * spend"): an account whose order form was in force in the month with a committed
 * monthly spend, and whose net spend in the month fell short of it, is charged the
 * difference to cash, once per account and month (the key), before that month's invoice
 * is issued; the invoice shows it as its own line.
 *
 * - Net spend is what the month's invoice charges before the shortfall: usage and
 *   subscriptions charged to cash in the month, after discounts and after vouchers (a
 *   voucher is the platform's credit, not the customer's spend).
 * - A month the form is in force only in part commits pro rata to the time it is in force
 *   (start date or signature, end date or termination), half-even to the cent.
 * - Two forms in force in one month do not add up: the larger commitment applies.
 * - Not guarded: like usage, an unpaid shortfall is owed and may take available funds
 *   below zero.
 */

const SYSTEM: Actor = { kind: "system" };
/** Accounts per statement: each statement sends one array parameter, whatever the number. */
const CHUNK = 500;

export const commitmentKey = (accountId: string, periodKey: string) => `commitment:${accountId}:${periodKey}`;

export interface Commitment {
  contract: OrderFormTerms;
  /** The month's commitment, pro rata when the form is in force in part of it. */
  committed: bigint;
}

/** The commitment for a month [start, end): the larger of the forms in force in it, pro rata to the time each is. */
export function monthCommitment(forms: readonly OrderFormTerms[], start: Date, end: Date): Commitment | null {
  let best: Commitment | null = null;
  const month = BigInt(end.getTime() - start.getTime());
  for (const f of forms) {
    if (f.committedMonthlySpend <= 0n) continue;
    const overlap = Math.min(f.until.getTime(), end.getTime()) - Math.max(f.from.getTime(), start.getTime());
    if (overlap <= 0) continue;
    const committed = roundHalfEvenToCents(divRoundHalfEven(f.committedMonthlySpend * BigInt(overlap), month));
    if (committed > 0n && (!best || committed > best.committed)) best = { contract: f, committed };
  }
  return best;
}

export interface CloseResult {
  posted: number;
  amount: bigint;
}

/**
 * Posts the month's shortfalls (key commitment:<account>:<YYYY-MM>), so a rerun, or a second
 * worker, posts nothing twice. Only for a month that has ended at `now`.
 */
export async function closeCommitments(db: DbOrTx, opts: { period: string; now: Date; accountIds?: string[] }): Promise<CloseResult> {
  const period = periodOf(opts.period);
  const result: CloseResult = { posted: 0, amount: 0n };
  if (opts.now < period.end) return result;
  const chunks = opts.accountIds ? chunk(opts.accountIds) : committedAccounts(db, period);
  for await (const accountIds of chunks) {
    const forms = await loadOrderForms(db, accountIds, { from: period.start, until: period.end });
    const due = new Map<string, Commitment>();
    for (const accountId of new Set(forms.map((f) => f.accountId))) {
      const c = monthCommitment(forms.filter((f) => f.accountId === accountId), period.start, period.end);
      if (c) due.set(accountId, c);
    }
    if (due.size === 0) continue;
    const ids = [...due.keys()];
    const [spent, done] = await Promise.all([
      rows(
        db,
        sql`select t.account_id, -sum(e.amount) as net
            from ledger_transactions t
            join ledger_entries e on e.transaction_id = t.id
            join ledger_accounts a on a.id = e.ledger_account_id and a.kind = 'cash' and a.account_id = t.account_id
            where t.account_id = any(${pgArray(ids, "uuid")}) and t.type in ('usage', 'subscription')
              and t.created_at >= ${period.start.toISOString()}::timestamptz and t.created_at < ${period.end.toISOString()}::timestamptz
            group by t.account_id`,
        { account_id: col.text, net: col.bigint },
      ),
      rows(db, sql`select idempotency_key from ledger_transactions where idempotency_key = any(${pgArray(ids.map((a) => commitmentKey(a, period.key)), "text")})`, { idempotency_key: col.text }),
    ]);
    const net = new Map(spent.map((r) => [r.account_id, r.net]));
    const posted = new Set(done.map((r) => r.idempotency_key));
    for (const [accountId, c] of due) {
      const spend = net.get(accountId) ?? 0n;
      const shortfall = c.committed - spend;
      const key = commitmentKey(accountId, period.key);
      if (shortfall <= 0n || posted.has(key)) continue;
      const r = await post(db, {
        idempotencyKey: key,
        accountId,
        type: "commitment",
        // Read in both languages: the Type column names it (Commitment shortfall / 承诺消费差额).
        description: `${c.contract.number} · ${period.key}`,
        entries: [
          { account: { kind: "cash" }, amount: -shortfall },
          { account: { kind: "revenue" }, amount: shortfall },
        ],
        // The key alone makes it the same request: a rerun after later postings recomputes nothing.
        intent: { op: "commitment", key },
        actor: SYSTEM,
        audit: { action: "billing.commitment_shortfall", data: { contract: c.contract.number, period: period.key, committed: c.committed, netSpend: spend, shortfall } },
      });
      if (!r.replayed) {
        result.posted++;
        result.amount += shortfall;
      }
    }
  }
  return result;
}

async function* chunk(ids: readonly string[]): AsyncGenerator<string[]> {
  for (let i = 0; i < ids.length; i += CHUNK) yield ids.slice(i, i + CHUNK);
}

/** Every account with an order form that may commit in the period, a page at a time (keyset on the account). */
async function* committedAccounts(db: DbOrTx, period: { start: Date; end: Date }): AsyncGenerator<string[]> {
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const page = await rows(
      db,
      sql`select distinct account_id from contracts
          where kind = 'order_form' and status in ('signed', 'active', 'expired', 'terminated')
            and coalesce(terms->>'committedMonthlySpend', '0') not in ('', '0')
            and terms->>'startsOn' <= ${period.end.toISOString().slice(0, 10)} and terms->>'endsOn' >= ${new Date(period.start.getTime() - 86_400_000).toISOString().slice(0, 10)}
            and account_id > ${after}::uuid
          order by account_id limit ${CHUNK}`,
      { account_id: col.text },
    );
    if (page.length === 0) return;
    yield page.map((r) => r.account_id);
    if (page.length < CHUNK) return;
    after = page.at(-1)!.account_id;
  }
}
