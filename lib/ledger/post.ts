import { randomUUID } from "node:crypto";
import type { DbOrTx, Tx } from "@/db/client";
import { ledgerEntries, ledgerTransactions } from "@/db/schema";
import { audit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { formatMoney, sumMoney } from "@/lib/money";
import { type AccountSpec, inLedgerTransaction, lockLedgerAccounts, readCreditLimit, specKey, toSpec } from "./accounts";
import { claimIdempotencyKey, hashRequest } from "./idempotency";
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

function validate(input: PostInput): void {
  if (!input.idempotencyKey.trim()) throw new AppError("VALIDATION", "A posting needs an idempotency key.");
  if (input.entries.length < 2) throw new AppError("VALIDATION", "A posting has at least two entries.");
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

  return inLedgerTransaction(db, async (tx) => {
    // Sent together: the key's lock and lookup, then the account locks (and the credit
    // limit, which changes only under the cash lock). A replay locks accounts it does not
    // need, briefly; every new posting saves two round trips.
    const customerSpecs = cashSpec ? [cashSpec, frozenSpec!] : [];
    const [prior, locked, creditLimit] = await Promise.all([
      claimIdempotencyKey(tx, input.idempotencyKey, requestHash),
      // The customer's cash and frozen are always locked: guards and prepare read them,
      // and every posting of one customer then runs in a single order.
      lockLedgerAccounts(tx, [...specs, ...customerSpecs]),
      input.guarded ? readCreditLimit(tx, input.accountId!) : Promise.resolve(null),
    ]);
    if (prior) return prior;
    const balanceOf = (s: AccountSpec) => locked.get(specKey(s))!.balance;
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
    if (input.guarded && creditLimit !== null) {
      const cashKey = specKey(cashSpec!);
      const cashDelta = sumMoney(input.entries.filter((_, i) => specKey(specs[i]!) === cashKey).map((e) => e.amount));
      const availableBefore = balanceOf(cashSpec!) + creditLimit;
      availableAfter = availableBefore + cashDelta;
      if (availableAfter < 0n) {
        throw new AppError(
          "INSUFFICIENT_FUNDS",
          `Available funds (${formatMoney(availableBefore, "en")}) do not cover ${formatMoney(-cashDelta, "en")}.`,
        );
      }
    }

    // The id is made here so the transaction, its entries and the audit record can be
    // sent together (postgres.js pipelines them on the transaction's connection).
    // Promise.all starts the lazy Drizzle queries in array order, so the transaction row
    // is written before the entries that reference it.
    const transactionId = randomUUID();
    const [[t], written] = await Promise.all([
      tx
        .insert(ledgerTransactions)
        .values({
          id: transactionId,
          accountId: input.accountId,
          type,
          description,
          idempotencyKey: input.idempotencyKey,
          requestHash,
          createdByUserId: input.actor.userId ?? null,
          actorKind: input.actor.kind,
          holdId: input.refs?.holdId ?? null,
          orderNo: input.refs?.orderNo ?? null,
          resourceId: input.refs?.resourceId ?? null,
          guarded: !!input.guarded,
          creditLimit,
          availableAfter,
        })
        .returning(),
      tx
        .insert(ledgerEntries)
        .values(input.entries.map((e, i) => ({ transactionId, ledgerAccountId: locked.get(specKey(specs[i]!))!.id, amount: e.amount })))
        .returning(),
      audit(tx, {
        actorUserId: input.actor.userId ?? null,
        actorKind: input.actor.kind,
        accountId: input.accountId,
        action: input.audit.action,
        targetType: "ledger_transaction",
        targetId: transactionId,
        reason: input.audit.reason,
        ip: input.actor.ip ?? null,
        data: { type, idempotencyKey: input.idempotencyKey, ...input.audit.data },
      }),
    ]);

    const result: PostResult = {
      transactionId: t!.id,
      seq: t!.seq,
      idempotencyKey: t!.idempotencyKey,
      accountId: t!.accountId,
      type: t!.type,
      description: t!.description,
      holdId: t!.holdId,
      orderNo: t!.orderNo,
      resourceId: t!.resourceId,
      availableAfter: t!.availableAfter,
      createdAt: t!.createdAt,
      entries: written.map((w, i) => ({
        ledgerAccountId: w.ledgerAccountId,
        kind: specs[i]!.kind,
        ref: specs[i]!.ref,
        amount: w.amount,
        balanceAfter: w.balanceAfter,
      })),
      replayed: false,
    };
    await input.afterWrite?.(tx, result);
    return result;
  });
}
