import { randomUUID } from "node:crypto";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { DbOrTx, Tx } from "@/db/client";
import { AppError } from "@/lib/errors";
import { formatMoney, sumMoney } from "@/lib/money";
import { type AccountSpec, createMissing, inLedgerTransaction, LEDGER_RETRY, MissingLedgerAccounts, lockLedgerAccounts, specKey, toSpec, uniqueSpecs } from "./accounts";
import { claimIdempotencyKey, hashRequest, loadPosting } from "./idempotency";
import { type OneStatementResult, postInOneStatement, writePosting } from "./statements";
import { retrying, withTx } from "@/db/tx";
import type { Actor, EntryInput, LedgerTxType, PostResult, PostingRefs } from "./types";

export interface PostInput {
  idempotencyKey: string;
  /** The customer account the posting belongs to; its cash/frozen/voucher entries are its own. */
  accountId: string | null;
  type: LedgerTxType;
  description: string;
  entries: EntryInput[];
  refs?: PostingRefs;
  actor: Actor;
  /**
   * The customer chose this posting (a hold, a purchase): refuse it with
   * INSUFFICIENT_FUNDS if available funds (cash + credit limit) would end below zero.
   */
  guarded?: boolean;
  /** What makes two requests "the same" for the idempotency key. Defaults to type, account, entries and refs. */
  intent?: unknown;
  audit: { action: string; reason?: string; data?: Record<string, unknown> };
  /** Runs under the account locks before writing: may refuse, or settle type/description from locked state. */
  prepare?: (tx: Tx, locked: LockedView) => Promise<{ type?: LedgerTxType; description?: string } | void>;
  /** Runs after the entries are written, in the same transaction (e.g. to record a hold row). */
  afterWrite?: (tx: Tx, result: PostResult) => Promise<void>;
}

export interface LockedView {
  /** Balance of a customer account of this posting, as locked (before the posting). */
  balance(kind: "cash" | "frozen"): bigint;
}

/** Entries of one posting at most: every posting in the product has two or three. */
export const MAX_ENTRIES = 64;

function validate(input: PostInput): void {
  if (!input.idempotencyKey.trim()) throw new AppError("VALIDATION", "A posting needs an idempotency key.");
  if (input.entries.length < 2) throw new AppError("VALIDATION", "A posting has at least two entries.");
  // Its entries go in one VALUES list (three parameters each) and lock their accounts one by one: keep it small.
  if (input.entries.length > MAX_ENTRIES) throw new AppError("VALIDATION", `A posting has at most ${MAX_ENTRIES} entries.`);
  if (input.entries.some((e) => e.amount === 0n)) throw new AppError("VALIDATION", "A ledger entry cannot be zero.");
  if (sumMoney(input.entries.map((e) => e.amount)) !== 0n) throw new AppError("VALIDATION", "The entries of a posting must sum to zero.");
  if (input.guarded && !input.accountId) throw new AppError("VALIDATION", "A guarded posting needs a customer account.");
}

/**
 * Writes one ledger transaction. In one database transaction: claims the idempotency
 * key, locks the touched ledger accounts in id order, checks available funds for
 * guarded postings, writes the transaction and its entries (a trigger moves the cached
 * balances), and records the audit entry. A replay of the key returns the first result.
 */
export async function post(db: DbOrTx, input: PostInput): Promise<PostResult> {
  validate(input);
  const specs = input.entries.map((e) => toSpec(input.accountId, e.account));
  const cashSpec = input.accountId ? toSpec(input.accountId, { kind: "cash" }) : null;
  const frozenSpec = input.accountId ? toSpec(input.accountId, { kind: "frozen" }) : null;
  const requestHash = hashRequest(
    input.intent ?? {
      type: input.type,
      accountId: input.accountId,
      entries: specs.map((s, i) => ({ ...s, amount: input.entries[i]!.amount })),
      refs: input.refs ?? {},
    },
  );

  const lockSpecs = uniqueSpecs(cashSpec ? [...specs, cashSpec, frozenSpec!] : specs);
  if (!input.guarded && !input.prepare && !input.afterWrite) return postSimple(db, input, specs, lockSpecs, requestHash);

  return inLedgerTransaction(db, async (tx) => {
    // Sent together (pipelined): the key's advisory lock, then one statement that locks
    // the accounts and reads any earlier posting under the key and the credit limit.
    // The customer's cash and frozen are always locked: guards and prepare read them,
    // and every posting of one customer then runs in a single order.
    const [, locked] = await Promise.all([
      claimIdempotencyKey(tx, input.idempotencyKey),
      lockLedgerAccounts(tx, lockSpecs, { key: input.idempotencyKey, accountId: input.accountId }),
    ]);
    if (locked.priorHash !== null) {
      if (locked.priorHash !== requestHash) throw new AppError("IDEMPOTENCY_CONFLICT", "This request key was already used for a different request.");
      return (await loadPosting(tx, input.idempotencyKey))!.result;
    }
    const balanceOf = (s: AccountSpec) => locked.byKey.get(specKey(s))!.balance;
    const view: LockedView = {
      balance: (kind) => {
        if (!cashSpec) throw new AppError("INTERNAL", "This posting has no customer account.");
        return balanceOf(kind === "cash" ? cashSpec : frozenSpec!);
      },
    };
    const settled = (await input.prepare?.(tx, view)) ?? {};
    const type = settled.type ?? input.type;
    const description = settled.description ?? input.description;

    let availableAfter: bigint | null = null;
    if (input.guarded) {
      const cashKey = specKey(cashSpec!);
      const cashDelta = sumMoney(input.entries.filter((_, i) => specKey(specs[i]!) === cashKey).map((e) => e.amount));
      const availableBefore = balanceOf(cashSpec!) + locked.creditLimit;
      availableAfter = availableBefore + cashDelta;
      if (availableAfter < 0n) {
        throw new AppError(
          "INSUFFICIENT_FUNDS",
          `Available funds (${formatMoney(availableBefore, "en")}) do not cover ${formatMoney(-cashDelta, "en")}.`,
        );
      }
    }

    const transactionId = randomUUID();
    const refs = { holdId: input.refs?.holdId ?? null, orderNo: input.refs?.orderNo ?? null, resourceId: input.refs?.resourceId ?? null };
    const entries = input.entries.map((e, i) => ({ ledgerAccountId: locked.byKey.get(specKey(specs[i]!))!.id, amount: e.amount }));
    const written = await writePosting(tx, {
      id: transactionId,
      accountId: input.accountId,
      type,
      description,
      idempotencyKey: input.idempotencyKey,
      requestHash,
      createdByUserId: input.actor.userId ?? null,
      actorKind: input.actor.kind,
      ...refs,
      guarded: !!input.guarded,
      creditLimit: input.guarded ? locked.creditLimit : null,
      availableAfter,
      entries,
      audit: {
        action: input.audit.action,
        reason: input.audit.reason ?? null,
        ip: input.actor.ip ?? null,
        data: { type, idempotencyKey: input.idempotencyKey, ...input.audit.data },
      },
    });

    const result: PostResult = {
      transactionId,
      seq: written.seq,
      idempotencyKey: input.idempotencyKey,
      accountId: input.accountId,
      type,
      description,
      ...refs,
      availableAfter,
      createdAt: written.createdAt,
      entries: entries.map((e, i) => ({
        ledgerAccountId: e.ledgerAccountId,
        kind: specs[i]!.kind,
        ref: specs[i]!.ref,
        amount: e.amount,
        balanceAfter: written.balancesAfter[i]!,
      })),
      replayed: false,
    };
    await input.afterWrite?.(tx, result);
    return result;
  });
}

/**
 * Postings nobody can refuse (top-ups, usage, adjustments) need no decision between
 * locking and writing, so they run as one statement: one round trip, and on its own
 * it is its own database transaction.
 */
async function postSimple(db: DbOrTx, input: PostInput, specs: AccountSpec[], lockSpecs: AccountSpec[], requestHash: string): Promise<PostResult> {
  const refs = { holdId: input.refs?.holdId ?? null, orderNo: input.refs?.orderNo ?? null, resourceId: input.refs?.resourceId ?? null };
  const data = { type: input.type, idempotencyKey: input.idempotencyKey, ...input.audit.data };
  for (let attempt = 1; attempt <= 3; attempt++) {
    const transactionId = randomUUID();
    const r = await oneStatement(db, (d) =>
      postInOneStatement(d, {
        id: transactionId,
        accountId: input.accountId,
        type: input.type,
        description: input.description,
        idempotencyKey: input.idempotencyKey,
        requestHash,
        createdByUserId: input.actor.userId ?? null,
        actorKind: input.actor.kind,
        ...refs,
        guarded: false,
        creditLimit: null,
        availableAfter: null,
        lock: lockSpecs,
        entries: input.entries.map((e, i) => ({ account: specs[i]!, amount: e.amount })),
        audit: { action: input.audit.action, reason: input.audit.reason ?? null, ip: input.actor.ip ?? null, data },
      }),
    );
    if (r.status === "missing") {
      await withTx(db, (tx) => createMissing(tx, lockSpecs), LEDGER_RETRY);
      continue;
    }
    if (r.status === "key-used") {
      const prior = await loadPosting(db, input.idempotencyKey);
      if (!prior) continue; // the posting in flight under the key rolled back: try again
      if (prior.requestHash !== requestHash) throw new AppError("IDEMPOTENCY_CONFLICT", "This request key was already used for a different request.");
      return prior.result;
    }
    return {
      transactionId,
      seq: r.seq,
      idempotencyKey: input.idempotencyKey,
      accountId: input.accountId,
      type: input.type,
      description: input.description,
      ...refs,
      availableAfter: null,
      createdAt: r.createdAt,
      entries: input.entries.map((e, i) => ({
        ledgerAccountId: r.ledgerAccountIds[i]!,
        kind: specs[i]!.kind,
        ref: specs[i]!.ref,
        amount: e.amount,
        balanceAfter: r.balancesAfter[i]!,
      })),
      replayed: false,
    };
  }
  throw new AppError("INTERNAL", "The posting could not be written.");
}

/**
 * On its own the statement is its own transaction and its locks end with it. Inside a
 * caller's transaction it runs in a savepoint, so that when accounts are missing the
 * locks it took are released before they are created: otherwise the retry would lock
 * rows out of id order, which can deadlock.
 */
async function oneStatement(db: DbOrTx, run: (d: DbOrTx) => Promise<OneStatementResult>): Promise<OneStatementResult> {
  if (!(db instanceof PgTransaction)) return retrying(db, () => run(db), LEDGER_RETRY);
  try {
    return await db.transaction(async (sp) => {
      const r = await run(sp);
      if (r.status === "missing") throw new MissingLedgerAccounts([]);
      return r;
    });
  } catch (e) {
    if (e instanceof MissingLedgerAccounts) return { status: "missing" };
    throw e;
  }
}
