import type { PGlite } from "@electric-sql/pglite";
import { sql, type SQL } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";
import type { DbOrTx, Tx } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { simulatedTime } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import type { AccountSpec, LockedAccount } from "./accounts";
import { CUSTOMER_ACCOUNT_KINDS, type LedgerAccountKind, SYSTEM_ACCOUNT_KINDS } from "./types";

/**
 * The two statements every posting runs, written as SQL rather than with the query
 * builder: they are the hot path, and building them costs the app more CPU than the
 * database spends running them. Amounts travel as text so no driver makes them floats.
 */

type Row = Record<string, unknown>;

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
          actor_kind, hold_id, order_no, resource_id, guarded, credit_limit, available_after, created_at)
        values (${w.id}::uuid, ${w.accountId}::uuid, ${w.type}, ${w.description}, ${w.idempotencyKey}, ${w.requestHash},
          ${w.createdByUserId}::uuid, ${w.actorKind}, ${w.holdId}::uuid, ${w.orderNo}, ${w.resourceId}, ${w.guarded},
          ${text(w.creditLimit)}::bigint, ${text(w.availableAfter)}::bigint, coalesce(${stamp()}::timestamptz, now()))
        returning seq, created_at
      ), v (ord, ledger_account_id, amount) as (values ${entryValues}),
      e as (
        insert into ledger_entries (transaction_id, ledger_account_id, amount)
        select ${w.id}::uuid, v.ledger_account_id, v.amount from v order by v.ord
        returning id, balance_after
      ), a as (
        insert into audit_log (actor_user_id, actor_kind, account_id, action, target_type, target_id, reason, data, ip, at)
        values (${w.createdByUserId}::uuid, ${w.actorKind}, ${w.accountId}::uuid, ${w.audit.action}, 'ledger_transaction', ${w.id},
          ${w.audit.reason}, ${data}::jsonb, ${w.audit.ip}, coalesce(${stamp()}::timestamptz, now()))
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

/** The recording time inside a simulated clock (the demo's history); null lets the database stamp now(). */
const stamp = () => simulatedTime()?.toISOString() ?? null;

const ACCOUNT_KINDS: ReadonlySet<string> = new Set([...CUSTOMER_ACCOUNT_KINDS, ...SYSTEM_ACCOUNT_KINDS]);

/** Parameters $1…$16 of the one-statement posting; the accounts' and entries' follow. */
const FIXED_PARAMS = 16;

/**
 * The text of the one-statement posting for one shape of posting (which kinds it locks,
 * which of them carry a reference, which entry goes to which account). The shapes are
 * few (top-up, usage, adjustment …), so each text is built once and then reused: the
 * app spends no CPU composing SQL per posting, and the driver keeps it as a prepared
 * statement per connection. Values are always parameters; only the account kinds,
 * checked against the enum, are written into the text.
 */
const shapes = new Map<string, string>();

function shapeOf(w: OneStatementInput, entryLock: number[]): string {
  let key = "";
  for (const s of w.lock) key += `${s.kind}:${s.accountId === null ? "-" : "a"}:${s.ref === null ? "-" : "r"},`;
  key += `|${entryLock.join(",")}`;
  let text = shapes.get(key);
  if (text === undefined) {
    text = buildShape(w.lock, entryLock);
    // Shapes come from code, not data, so they are few; the cap only bounds a surprise.
    if (shapes.size < 256) shapes.set(key, text);
  }
  return text;
}

function buildShape(lock: AccountSpec[], entryLock: number[]): string {
  let n = FIXED_PARAMS;
  const conds = lock.map((s) => {
    if (!ACCOUNT_KINDS.has(s.kind)) throw new AppError("VALIDATION", `Unknown ledger account kind ${String(s.kind)}.`);
    const owner = s.accountId === null ? "account_id is null" : "account_id = $2::uuid";
    const shard = `shard = $${++n}::smallint`;
    const ref = s.ref === null ? "ref is null" : `ref = $${++n}::text`;
    return `(kind = '${s.kind}'::ledger_account_kind and ${owner} and ${ref} and ${shard})`;
  });
  const values = entryLock.map((li, i) => `(${i}, ${li}, $${++n}::bigint)`).join(", ");
  return `with l as (
        select id, case ${conds.map((c, i) => `when ${c} then ${i}`).join(" ")} end as li
        from ledger_accounts
        where ${conds.join(" or ")}
        order by id
        for update
      ), ok as (select count(*) = ${lock.length} as ok from l),
      t as (
        insert into ledger_transactions (id, account_id, type, description, idempotency_key, request_hash, created_by_user_id,
          actor_kind, hold_id, order_no, resource_id, guarded, credit_limit, available_after, created_at)
        select $1::uuid, $2::uuid, $3::text, $4::text, $5::text, $6::text, $7::uuid, $8::text, $9::uuid, $10::text, $11::text, false, null, null,
          coalesce($16::timestamptz, now())
        from ok where ok.ok
        on conflict (idempotency_key) do nothing
        returning seq, created_at
      ), v (ord, li, amount) as (values ${values}),
      e as (
        insert into ledger_entries (transaction_id, ledger_account_id, amount)
        select $1::uuid, l.id, v.amount
        from t, v join l on l.li = v.li
        order by v.ord
        returning id, ledger_account_id, balance_after
      ), a as (
        insert into audit_log (actor_user_id, actor_kind, account_id, action, target_type, target_id, reason, data, ip, at)
        select $7::uuid, $8::text, $2::uuid, $12::text, 'ledger_transaction', $1::uuid::text, $13::text, $14::jsonb, $15::text,
          coalesce($16::timestamptz, now())
        from t
      )
      select (select ok from ok) as ok, (select seq::text from t) as seq, (select created_at from t) as created_at,
        (select string_agg(ledger_account_id::text || '=' || balance_after::text, ',' order by id) from e) as entries`;
}

/**
 * A whole unguarded posting in one statement, and so in one round trip: it locks the
 * accounts in id order (the `l` CTE, which everything else depends on, so it runs
 * first), then writes the transaction, entries and audit record. A key already used
 * makes the insert do nothing (after waiting for a posting in flight with the same key
 * to commit), and so does a missing account; the caller sorts those out.
 */
export async function postInOneStatement(db: DbOrTx, w: OneStatementInput): Promise<OneStatementResult> {
  const entryLock = w.entries.map((e) => w.lock.findIndex((s) => sameSpec(s, e.account)));
  if (entryLock.includes(-1)) throw new AppError("INTERNAL", "An entry's account is not among the locked accounts.");
  const text = shapeOf(w, entryLock);
  const params: (string | null)[] = [
    w.id,
    w.accountId,
    w.type,
    w.description,
    w.idempotencyKey,
    w.requestHash,
    w.createdByUserId,
    w.actorKind,
    w.holdId,
    w.orderNo,
    w.resourceId,
    w.audit.action,
    w.audit.reason,
    JSON.stringify(w.audit.data, (_k, v) => (typeof v === "bigint" ? v.toString() : v)),
    w.audit.ip,
    stamp(),
  ];
  for (const s of w.lock) {
    // Customer accounts are the posting's own account's ($2); the text says so.
    if (s.accountId !== null && s.accountId !== w.accountId) throw new AppError("INTERNAL", "A customer ledger account of another account.");
    params.push(String(s.shard));
    if (s.ref !== null) params.push(s.ref);
  }
  for (const e of w.entries) params.push(e.amount.toString());
  const r = (await runStatement(db, text, params))[0]!;
  if (r.ok !== true) return { status: "missing" };
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

const sameSpec = (a: AccountSpec, b: AccountSpec) => a.kind === b.kind && a.accountId === b.accountId && a.ref === b.ref && a.shard === b.shard;

/**
 * Runs a statement of fixed text ($1…$n) with its parameters. Given the database, it goes
 * straight to the driver (postgres.js, as a named prepared statement unless the client
 * was opened with prepare: false; or PGlite): no
 * query building per call. In a caller's transaction it goes through Drizzle, which
 * owns that connection.
 */
export async function runStatement(db: DbOrTx, text: string, params: (string | null)[]): Promise<Row[]> {
  if (!(db instanceof PgTransaction)) {
    const client = (db as { $client?: unknown }).$client as { unsafe?: unknown; query?: unknown } | undefined;
    if (typeof client?.unsafe === "function") {
      // unsafe() prepares only when asked; a client opened with prepare: false still won't.
      return (await (client as unknown as Sql).unsafe(text, params, { prepare: true })) as unknown as Row[];
    }
    if (typeof client?.query === "function") return (await (client as unknown as PGlite).query<Row>(text, params)).rows;
  }
  return rowsOf(db, withParams(text, params));
}

/** The same statement as a Drizzle SQL object: the text split at its placeholders. */
function withParams(text: string, params: (string | null)[]): SQL {
  const parts = text.split(/\$(\d+)/);
  return sql.join(parts.map((part, i) => (i % 2 ? sql`${params[Number(part) - 1] ?? null}` : sql.raw(part))));
}
