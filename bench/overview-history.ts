// The overview bench's history: years of hourly charges, usage postings, top-ups and
// invoices for a fleet of accounts, written in bulk SQL through the ledger's own triggers.
import type postgres from "postgres";
import { SYSTEM_SHARDS } from "@/lib/ledger";

export const HOUR = 3_600_000;

/** Every measured account runs three instances at $0.10 an hour (whole cents, so nothing accrues). */
export const UNIT_PRICE = 100_000n;
/** The two measured accounts come first in the plans. */
export const MEASURED = 2;
export const VOUCHER = 30_000_000n;

export interface Plan {
  name: string;
  years: number;
  resources: number;
}

export const hourFloor = (t: number) => Math.floor(t / HOUR) * HOUR;

/**
 * The history, as the billing cycle and top-ups would have written it, in bulk: per
 * account and hour, one charge row per running resource and one usage posting of their
 * sum (cash −, revenue shard +) at minute 5 of the next hour; on the first of each month
 * (and when the history starts, with a $500 float), a top-up of 31 days' usage (cash +,
 * clearing −). Entries go through the ledger's own triggers (cached balances,
 * balance_after, the balanced-transaction check at commit), in time order.
 */
export async function generateHistory(sql: postgres.Sql, plans: Plan[], end: number): Promise<{ ids: string[]; months: number }> {
  const ids: string[] = [];
  for (const p of plans) {
    const start = end - p.years * 365 * 24 * HOUR;
    const [a] = await sql`insert into accounts (name, created_at) values (${p.name}, ${new Date(start - HOUR)}) returning id`;
    ids.push(a!.id as string);
  }
  await sql`insert into ledger_accounts (kind, account_id, ref, shard)
    select k::ledger_account_kind, a, null, 0 from unnest(${ids}::uuid[]) a, unnest(array['cash', 'frozen']) k
    union all select 'revenue', null, null, s from generate_series(0, ${SYSTEM_SHARDS - 1}) s
    union all select 'payment_clearing', null, 'test', s from generate_series(0, ${SYSTEM_SHARDS - 1}) s
    on conflict do nothing`;
  await sql`insert into billing_settings (account_id) select unnest(${ids}::uuid[]) on conflict do nothing`;
  await sql`insert into account_billing_state (account_id) select unnest(${ids}::uuid[]) on conflict do nothing`;
  for (const [i, p] of plans.entries()) {
    const start = new Date(end - p.years * 365 * 24 * HOUR);
    await sql`insert into resources (account_id, product_id, name, quantity, status, billing_mode, unit_price, started_at, billed_until, request_key, created_at, updated_at)
      select ${ids[i]!}, 'ecs.g7.large', 'vm-' || n, 1, 'running', 'payg_hourly', ${UNIT_PRICE.toString()}, ${start}, ${new Date(end)}, 'bench-' || n, ${start}, ${start}
      from generate_series(1, ${p.resources}) n`;
  }
  // The revenue and clearing shard of each account, as lib/ledger's shardFor picks them.
  await sql`create table bench_plan as
    select a.id as account_id, r.started_at as start, sum(r.unit_price * r.quantity)::bigint as hourly,
      (select id from ledger_accounts where kind = 'cash' and account_id = a.id) as cash_la,
      (select id from ledger_accounts where kind = 'revenue' and shard = ('x' || right(replace(a.id::text, '-', ''), 8))::bit(32)::bigint % ${SYSTEM_SHARDS}) as revenue_la,
      (select id from ledger_accounts where kind = 'payment_clearing' and ref = 'test' and shard = ('x' || right(replace(a.id::text, '-', ''), 8))::bit(32)::bigint % ${SYSTEM_SHARDS}) as clearing_la
    from accounts a join resources r on r.account_id = a.id
    where a.id = any(${ids}::uuid[]) group by a.id, r.started_at`;
  await sql`analyze bench_plan`;
  // The measured accounts redeem a $30 voucher on the first of each quarter; it pays every
  // hour's usage ($0.30) until it is used up 100 hours later, as the billing cycle would.
  const measured = ids.slice(0, MEASURED);
  await sql`insert into vouchers (code_hash, account_id, face_value, valid_from, valid_until, status, created_at, code_hint, redeemed_at)
    select md5(p.account_id || q::text), p.account_id, ${VOUCHER.toString()}, q, q + interval '3 months', 'active', q, upper(right(md5(p.account_id || q::text), 4)), q
    from bench_plan p, generate_series(date_trunc('quarter', p.start at time zone 'UTC') at time zone 'UTC' + interval '3 months', ${new Date(end)}::timestamptz, interval '3 months') q
    where p.account_id = any(${measured}::uuid[]) and q + interval '100 hours' <= ${new Date(end)}::timestamptz`;
  await sql`insert into ledger_accounts (kind, account_id, ref, shard) select 'voucher', account_id, id::text, 0 from vouchers`;
  await sql`insert into ledger_accounts (kind, account_id, ref, shard) select 'voucher_issuance', null, null, s from generate_series(0, ${SYSTEM_SHARDS - 1}) s on conflict do nothing`;
  await sql`create table bench_vouchers as
    select v.id, v.account_id, v.valid_from as from_h, v.valid_from + (${VOUCHER.toString()}::bigint / p.hourly) * interval '1 hour' as until_h,
      (select id from ledger_accounts where kind = 'voucher' and ref = v.id::text) as voucher_la,
      (select id from ledger_accounts where kind = 'voucher_issuance' and shard = ('x' || right(replace(v.account_id::text, '-', ''), 8))::bit(32)::bigint % ${SYSTEM_SHARDS}) as issuance_la
    from vouchers v join bench_plan p on p.account_id = v.account_id`;
  await sql`analyze bench_vouchers`;

  const first = Math.min(...plans.map((p) => end - p.years * 365 * 24 * HOUR));
  // One transaction per week: a row updated many times in one transaction leaves a chain
  // of versions that every later update and foreign-key check in it walks (a month per
  // transaction ran at half the speed).
  const bounds: number[] = [first];
  for (let d = Math.floor(first / (24 * HOUR) + 1) * 24 * HOUR; d < end; d += 7 * 24 * HOUR) bounds.push(d);
  bounds.push(end);
  const endAt = new Date(end);
  for (let b = 0; b + 1 < bounds.length; b++) {
    const lo = new Date(bounds[b]!);
    const hi = new Date(bounds[b + 1]!);
    // Hours of the week per account, with the voucher paying them if any; the batch key
    // names the hour's billing batch as lib/billing/charge.ts does.
    const hours = sql`select p.*, h, v.id as voucher_id, v.voucher_la, 'billing:' || p.account_id || ':' || extract(epoch from h)::bigint as batch_key
      from bench_plan p cross join generate_series(greatest(p.start, ${lo}::timestamptz), least(${hi}::timestamptz, ${endAt}::timestamptz) - interval '1 hour', interval '1 hour') h
      left join bench_vouchers v on v.account_id = p.account_id and h >= v.from_h and h < v.until_h`;
    await sql.begin(async (tx) => {
      await tx`insert into charges (account_id, resource_id, product_id, period_start, period_end, quantity, unit_price, gross, discount, voucher_paid, cash_part, posting_key, created_at)
        select r.account_id, r.id, r.product_id, x.h, x.h + interval '1 hour', r.quantity, r.unit_price, r.unit_price * r.quantity, 0,
          case when x.voucher_id is null then 0 else r.unit_price * r.quantity end, case when x.voucher_id is null then r.unit_price * r.quantity else 0 end,
          x.batch_key, x.h + interval '65 minutes'
        from (${hours}) x join resources r on r.account_id = x.account_id
        order by x.h, r.account_id, r.id`;
      // Each row is one posting: amount to plus_la, minus amount from minus_la.
      await tx`with hrs as materialized (${hours}),
        rows as materialized (
          select account_id, 'top_up' as type, h as at, hourly * 24 * 31 + case when h = start then 500000000 else 0 end as amount,
              cash_la as plus_la, clearing_la as minus_la, 'top-up:' || account_id || ':' || extract(epoch from h)::bigint as key, 'Top-up via test' as description
            from hrs where h = start or (extract(day from h at time zone 'UTC') = 1 and extract(hour from h at time zone 'UTC') = 0)
          union all
          select v.account_id, 'voucher_issue', v.from_h, ${VOUCHER.toString()}::bigint, v.voucher_la, v.issuance_la, 'voucher-redeem:' || v.id, 'Voucher redeemed'
            from bench_vouchers v where v.from_h >= ${lo}::timestamptz and v.from_h < ${hi}::timestamptz
          union all
          select account_id, case when voucher_id is null then 'usage' else 'voucher_usage' end, h + interval '65 minutes', hourly,
              revenue_la, coalesce(voucher_la, cash_la), batch_key || coalesce(':voucher:' || voucher_id, ':cash'),
              case when voucher_id is null then 'Pay-as-you-go usage' else 'Usage paid by voucher' end
            from hrs
        ), tx as (
          insert into ledger_transactions (account_id, type, description, idempotency_key, request_hash, actor_kind, created_at)
          select account_id, type, description, key, md5(key || amount), 'system', at from rows order by at, account_id, type
          returning id, seq, idempotency_key
        )
        insert into ledger_entries (transaction_id, ledger_account_id, amount)
        select tx.id, e.la, e.amount
        from tx join rows r on r.key = tx.idempotency_key
          cross join lateral (values (r.minus_la, -r.amount, 1), (r.plus_la, r.amount, 2)) e(la, amount, n)
        order by tx.seq, e.n`;
    });
  }
  await sql`drop table bench_vouchers`;
  await sql`drop table bench_plan`;
  return { ids, months: bounds.length - 1 };
}

/** One invoice per closed month, from the rollup, paid from the balance: the overview lists the latest three. */
export async function generateInvoices(sql: postgres.Sql, end: number): Promise<void> {
  const current = new Date(Date.UTC(new Date(end).getUTCFullYear(), new Date(end).getUTCMonth(), 1));
  await sql`insert into invoices (number, account_id, period, period_start, period_end, issued_at, due_at, locale, profile, gross, discount, voucher, net, rounding, total, paid_from_balance, amount_due, payments, created_at)
    select 'INV-B' || lpad((row_number() over (order by m.month, m.account_id))::text, 8, '0'), m.account_id, to_char(m.month, 'YYYY-MM'),
      m.month::timestamp at time zone 'UTC', (m.month + interval '1 month')::timestamp at time zone 'UTC',
      (m.month + interval '1 month 4 days')::timestamp at time zone 'UTC', (m.month + interval '1 month 19 days')::timestamp at time zone 'UTC', 'en',
      jsonb_build_object('accountName', a.name, 'companyName', a.name, 'address', '', 'country', '', 'taxId', '', 'billingEmail', null),
      m.gross, m.discount, m.voucher_paid, m.cash_paid, 0, m.cash_paid, m.cash_paid, 0, '[]'::jsonb, (m.month + interval '1 month 4 days')::timestamp at time zone 'UTC'
    from monthly_spend m join accounts a on a.id = m.account_id
    where m.month < ${current.toISOString().slice(0, 10)}::date`;
}

