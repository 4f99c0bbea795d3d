import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import type { AccountSpec, LockedAccount } from "./accounts";
import type { LedgerAccountKind } from "./types";

/**
 * The two statements every posting runs, written as SQL rather than with the query
 * builder: they are the hot path, and building them costs the app more CPU than the
 * database spends running them. Amounts travel as text so no driver makes them floats.
 */

type Row = Record<string, unknown>;

export async function rowsOf(db: DbOrTx, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown;
  // postgres.js returns the rows array, PGlite an object holding it.
  return Array.isArray(result) ? (result as Row[]) : ((result as { rows: Row[] }).rows ?? []);
}

function matches(s: AccountSpec): SQL {
  return sql`(kind = ${s.kind}::ledger_account_kind and ${s.accountId ? sql`account_id = ${s.accountId}::uuid` : sql`account_id is null`} and ${
    s.ref ? sql`ref = ${s.ref}` : sql`ref is null`
  } and shard = ${s.shard})`;
}

export interface LockedState {
  accounts: LockedAccount[];
  /** request_hash of an earlier posting with this key, if any. */
  priorHash: string | null;
  /** The customer's credit limit, read under the cash lock. */
  creditLimit: bigint;
}

/**
 * Locks the accounts in id order and, in the same statement (one snapshot, taken after
 * the key's advisory lock was granted), reads any earlier posting under the key and the
 * credit limit.
 */
export async function lockAndRead(tx: Tx, specs: AccountSpec[], key: string, accountId: string | null): Promise<LockedState> {
  const rows = await rowsOf(
    tx,
    sql`select la.id, la.kind, la.account_id, la.ref, la.shard, la.balance::text as balance,
        (select request_hash from ledger_transactions where idempotency_key = ${key}) as prior_hash,
        (select credit_limit::text from billing_settings where account_id = ${accountId}::uuid) as credit_limit
      from ledger_accounts la
      where ${sql.join(specs.map(matches), sql` or `)}
      order by la.id
      for update of la`,
  );
  return {
    accounts: rows.map((r) => ({
      id: String(r.id),
      kind: r.kind as LedgerAccountKind,
      accountId: (r.account_id as string | null) ?? null,
      ref: (r.ref as string | null) ?? null,
      shard: Number(r.shard),
      balance: BigInt(r.balance as string),
    })),
    priorHash: (rows[0]?.prior_hash as string | null) ?? null,
    creditLimit: rows[0]?.credit_limit == null ? 0n : BigInt(rows[0].credit_limit as string),
  };
}

export interface WriteInput {
  id: string;
  accountId: string | null;
  type: string;
  description: string;
  idempotencyKey: string;
  requestHash: string;
  createdByUserId: string | null;
  actorKind: string;
  holdId: string | null;
  orderNo: string | null;
  resourceId: string | null;
  guarded: boolean;
  creditLimit: bigint | null;
  availableAfter: bigint | null;
  entries: { ledgerAccountId: string; amount: bigint }[];
  audit: { action: string; reason: string | null; ip: string | null; data: unknown };
}

const text = (v: bigint | null) => (v === null ? null : v.toString());

/**
 * Writes the transaction, its entries (the trigger moves the balances) and the audit
 * record in one statement. Entries are inserted in input order, so their ids (and the
 * returned balances) follow it.
 */
export async function writePosting(tx: Tx, w: WriteInput): Promise<{ seq: bigint; createdAt: Date; balancesAfter: bigint[] }> {
  const entryValues = sql.join(
    w.entries.map((e, i) => sql`(${i}::int, ${e.ledgerAccountId}::uuid, ${e.amount.toString()}::bigint)`),
    sql`, `,
  );
  const data = JSON.stringify(w.audit.data, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  const rows = await rowsOf(
    tx,
    sql`with t as (
        insert into ledger_transactions (id, account_id, type, description, idempotency_key, request_hash, created_by_user_id,
          actor_kind, hold_id, order_no, resource_id, guarded, credit_limit, available_after)
        values (${w.id}::uuid, ${w.accountId}::uuid, ${w.type}, ${w.description}, ${w.idempotencyKey}, ${w.requestHash},
          ${w.createdByUserId}::uuid, ${w.actorKind}, ${w.holdId}::uuid, ${w.orderNo}, ${w.resourceId}, ${w.guarded},
          ${text(w.creditLimit)}::bigint, ${text(w.availableAfter)}::bigint)
        returning seq, created_at
      ), v (ord, ledger_account_id, amount) as (values ${entryValues}),
      e as (
        insert into ledger_entries (transaction_id, ledger_account_id, amount)
        select ${w.id}::uuid, v.ledger_account_id, v.amount from v order by v.ord
        returning id, balance_after
      ), a as (
        insert into audit_log (actor_user_id, actor_kind, account_id, action, target_type, target_id, reason, data, ip)
        values (${w.createdByUserId}::uuid, ${w.actorKind}, ${w.accountId}::uuid, ${w.audit.action}, 'ledger_transaction', ${w.id},
          ${w.audit.reason}, ${data}::jsonb, ${w.audit.ip})
      )
      select t.seq::text as seq, t.created_at, e.balance_after::text as balance_after
      from t, e
      order by e.id`,
  );
  const first = rows[0]!;
  return {
    seq: BigInt(first.seq as string),
    createdAt: first.created_at instanceof Date ? first.created_at : new Date(String(first.created_at)),
    balancesAfter: rows.map((r) => BigInt(r.balance_after as string)),
  };
}

export interface OneStatementInput extends Omit<WriteInput, "entries"> {
  /** Every account the statement locks (the entries' accounts and the customer's cash and frozen). */
  lock: AccountSpec[];
  entries: { account: AccountSpec; amount: bigint }[];
}

export type OneStatementResult =
  | { status: "posted"; seq: bigint; createdAt: Date; ledgerAccountIds: string[]; balancesAfter: bigint[] }
  /** Some ledger accounts do not exist yet: nothing was written. */
  | { status: "missing" }
  /** The key was already used (now committed): nothing was written. */
  | { status: "key-used" };

/**
 * A whole unguarded posting in one statement, and so in one round trip: it locks the
 * accounts in id order (the `l` CTE, which everything else depends on, so it runs
 * first), then writes the transaction, entries and audit record. A key already used
 * makes the insert do nothing (after waiting for a posting in flight with the same key
 * to commit), and so does a missing account; the caller sorts those out.
 */
export async function postInOneStatement(db: DbOrTx, w: OneStatementInput): Promise<OneStatementResult> {
  const values = sql.join(
    w.entries.map(
      (e, i) =>
        sql`(${i}::int, ${e.account.kind}::ledger_account_kind, ${e.account.accountId}::uuid, ${e.account.ref}::text, ${e.account.shard}::smallint, ${e.amount.toString()}::bigint)`,
    ),
    sql`, `,
  );
  const data = JSON.stringify(w.audit.data, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  const rows = await rowsOf(
    db,
    sql`with l as (
        select id, kind, account_id, ref, shard from ledger_accounts
        where ${sql.join(w.lock.map(matches), sql` or `)}
        order by id
        for update
      ), ok as (select count(*) = ${w.lock.length} as ok from l),
      t as (
        insert into ledger_transactions (id, account_id, type, description, idempotency_key, request_hash, created_by_user_id,
          actor_kind, hold_id, order_no, resource_id, guarded, credit_limit, available_after)
        select ${w.id}::uuid, ${w.accountId}::uuid, ${w.type}, ${w.description}, ${w.idempotencyKey}, ${w.requestHash},
          ${w.createdByUserId}::uuid, ${w.actorKind}, ${w.holdId}::uuid, ${w.orderNo}, ${w.resourceId}, false, null, null
        from ok where ok.ok
        on conflict (idempotency_key) do nothing
        returning seq, created_at
      ), v (ord, kind, account_id, ref, shard, amount) as (values ${values}),
      e as (
        insert into ledger_entries (transaction_id, ledger_account_id, amount)
        select ${w.id}::uuid, l.id, v.amount
        from t, v join l on l.kind = v.kind and l.account_id is not distinct from v.account_id
          and l.ref is not distinct from v.ref and l.shard = v.shard
        order by v.ord
        returning id, ledger_account_id, balance_after
      ), a as (
        insert into audit_log (actor_user_id, actor_kind, account_id, action, target_type, target_id, reason, data, ip)
        select ${w.createdByUserId}::uuid, ${w.actorKind}, ${w.accountId}::uuid, ${w.audit.action}, 'ledger_transaction', ${w.id},
          ${w.audit.reason}, ${data}::jsonb, ${w.audit.ip}
        from t
      )
      select (select ok from ok) as ok, (select seq::text from t) as seq, (select created_at from t) as created_at,
        (select string_agg(ledger_account_id::text || '=' || balance_after::text, ',' order by id) from e) as entries`,
  );
  const r = rows[0]!;
  if (!(r.ok === true || r.ok === "t")) return { status: "missing" };
  if (r.seq == null) return { status: "key-used" };
  const pairs = String(r.entries).split(",").map((p) => p.split("="));
  return {
    status: "posted",
    seq: BigInt(r.seq as string),
    createdAt: r.created_at instanceof Date ? r.created_at : new Date(String(r.created_at)),
    ledgerAccountIds: pairs.map((p) => p[0]!),
    balancesAfter: pairs.map((p) => BigInt(p[1]!)),
  };
}
