import { and, eq, isNull, or, type SQL } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { billingSettings, ledgerAccounts } from "@/db/schema";
import { type RetryOptions, withTx } from "@/db/tx";
import { AppError } from "@/lib/errors";
import { lockAndRead } from "./statements";
import { CUSTOMER_ACCOUNT_KINDS, type AccountRef, type LedgerAccountKind } from "./types";

/**
 * System accounts (revenue, clearing, …) are split into this many rows. Each customer's
 * postings use one shard, so postings of different customers rarely wait on each other.
 */
export const SYSTEM_SHARDS = 64;

export function shardFor(accountId: string | null): number {
  if (!accountId) return 0;
  return Number.parseInt(accountId.replace(/-/g, "").slice(-8), 16) % SYSTEM_SHARDS;
}

export interface AccountSpec {
  kind: LedgerAccountKind;
  accountId: string | null;
  ref: string | null;
  shard: number;
}

export interface LockedAccount extends AccountSpec {
  id: string;
  balance: bigint;
}

export const isCustomerKind = (kind: LedgerAccountKind) => (CUSTOMER_ACCOUNT_KINDS as readonly string[]).includes(kind);

export function uniqueSpecs(specs: AccountSpec[]): AccountSpec[] {
  return [...new Map(specs.map((s) => [specKey(s), s])).values()];
}

export function specKey(s: Pick<AccountSpec, "kind" | "accountId" | "ref" | "shard">): string {
  return `${s.kind}|${s.accountId ?? ""}|${s.ref ?? ""}|${s.shard}`;
}

/** Resolves a named account for the posting's customer account, or refuses a malformed one. */
export function toSpec(accountId: string | null, ref: AccountRef): AccountSpec {
  const customer = isCustomerKind(ref.kind);
  const needsRef = ref.kind === "voucher" || ref.kind === "payment_clearing";
  if (customer && !accountId) throw new AppError("VALIDATION", `A ${ref.kind} entry needs a customer account.`);
  if (needsRef !== !!ref.ref) throw new AppError("VALIDATION", `A ${ref.kind} account ${needsRef ? "needs" : "takes no"} reference.`);
  return customer
    ? { kind: ref.kind, accountId, ref: ref.ref ?? null, shard: 0 }
    : { kind: ref.kind, accountId: null, ref: ref.ref ?? null, shard: shardFor(accountId) };
}

function matches(s: AccountSpec): SQL {
  return and(
    eq(ledgerAccounts.kind, s.kind),
    s.accountId ? eq(ledgerAccounts.accountId, s.accountId) : isNull(ledgerAccounts.accountId),
    s.ref ? eq(ledgerAccounts.ref, s.ref) : isNull(ledgerAccounts.ref),
    eq(ledgerAccounts.shard, s.shard),
  )!;
}

async function resolveAccounts(db: DbOrTx, specs: AccountSpec[]): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind, accountId: ledgerAccounts.accountId, ref: ledgerAccounts.ref, shard: ledgerAccounts.shard })
    .from(ledgerAccounts)
    .where(or(...specs.map(matches)));
  return new Map(rows.map((r) => [specKey(r), r.id]));
}

export async function createMissing(tx: DbOrTx, specs: AccountSpec[]): Promise<void> {
  if (specs.length === 0) return;
  const customerIds = [...new Set(specs.map((s) => s.accountId).filter((a): a is string => !!a))];
  // Sorted, so two first postings racing to create the same rows wait rather than deadlock.
  const sorted = [...specs].sort((a, b) => specKey(a).localeCompare(specKey(b)));
  await tx.insert(ledgerAccounts).values(sorted.map(({ kind, accountId, ref, shard }) => ({ kind, accountId, ref, shard }))).onConflictDoNothing();
  if (customerIds.length) await tx.insert(billingSettings).values(customerIds.map((accountId) => ({ accountId }))).onConflictDoNothing();
}

/** Thrown by lockLedgerAccounts; inLedgerTransaction creates the accounts and runs the work again. */
export class MissingLedgerAccounts extends Error {
  constructor(public readonly specs: AccountSpec[]) {
    super("ledger accounts missing");
  }
}

/**
 * Locks the given ledger accounts, in one statement in id order, and returns them with
 * their balances, which cannot change until the transaction ends. Every locker uses the
 * same order, so postings can wait for each other but never deadlock.
 *
 * If an account does not exist yet it throws MissingLedgerAccounts, so that the partial
 * locks are rolled back before the rows are created: locking the new rows afterwards,
 * out of order, deadlocks against a posting whose snapshot already sees them.
 */
export async function lockLedgerAccounts(tx: Tx, specs: AccountSpec[], read: { key?: string; accountId?: string | null } = {}) {
  const unique = uniqueSpecs(specs);
  const state = await lockAndRead(tx, unique, read.key ?? "", read.accountId ?? null);
  const found = new Map(state.accounts.map((r) => [specKey(r), r]));
  const missing = unique.filter((s) => !found.has(specKey(s)));
  if (missing.length) throw new MissingLedgerAccounts(missing);
  return { ...state, byKey: found };
}

// Deadlocks cannot happen between ledger postings (locks are taken in one order), but a
// caller's own statements may join the cycle; and a unique violation on the key or on a
// ledger account only happens if something was written around the ledger's own checks. In
// all three a fresh attempt is correct, so the ledger's transactions retry 23505 as well.
export const LEDGER_RETRY: RetryOptions = { retryUniqueViolation: true };

/**
 * withTx for work that locks ledger accounts: when some do not exist yet, the
 * attempt is rolled back (releasing its locks), the accounts are created, and the work
 * runs again.
 */
export async function inLedgerTransaction<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTx(db, fn, LEDGER_RETRY);
    } catch (e) {
      if (!(e instanceof MissingLedgerAccounts) || attempt >= 3) throw e;
      await withTx(db, (tx) => createMissing(tx, e.specs), LEDGER_RETRY);
    }
  }
}

/** Creates the cash and frozen accounts and the settings row of a customer account; safe to call any number of times at once. */
export async function ensureLedgerAccounts(db: DbOrTx, accountId: string): Promise<void> {
  const specs: AccountSpec[] = [
    { kind: "cash", accountId, ref: null, shard: 0 },
    { kind: "frozen", accountId, ref: null, shard: 0 },
  ];
  const found = await resolveAccounts(db, specs);
  await createMissing(db, specs.filter((s) => !found.has(specKey(s))));
  await db.insert(billingSettings).values({ accountId }).onConflictDoNothing();
}
