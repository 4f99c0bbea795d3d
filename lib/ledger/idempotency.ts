import { createHash } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { ledgerAccounts, ledgerEntries, ledgerTransactions } from "@/db/schema";
import type { PostResult } from "./types";

function canonical(value: unknown): unknown {
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** Fingerprint of what a request asks for, independent of key order and of how it is phrased. */
export function hashRequest(intent: unknown): string {
  return createHash("sha256").update(JSON.stringify(canonical(intent))).digest("hex");
}

/**
 * Serializes every request carrying this key, across connections and app instances,
 * until the transaction ends. The caller then looks for an earlier posting under the
 * key in a later statement, which runs after the lock is granted with a fresh snapshot
 * and so sees a posting that committed meanwhile. The lock, rather than catching a
 * unique violation, keeps the transaction usable: on Postgres a failed statement
 * aborts it.
 */
export async function claimIdempotencyKey(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 3141592653))`);
}

export async function loadPosting(db: DbOrTx, key: string): Promise<{ requestHash: string; result: PostResult } | null> {
  const [t] = await db.select().from(ledgerTransactions).where(eq(ledgerTransactions.idempotencyKey, key));
  if (!t) return null;
  const entries = await db
    .select({
      ledgerAccountId: ledgerEntries.ledgerAccountId,
      kind: ledgerAccounts.kind,
      ref: ledgerAccounts.ref,
      amount: ledgerEntries.amount,
      balanceAfter: ledgerEntries.balanceAfter,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.ledgerAccountId))
    .where(eq(ledgerEntries.transactionId, t.id))
    .orderBy(asc(ledgerEntries.id));
  return {
    requestHash: t.requestHash,
    result: {
      transactionId: t.id,
      seq: t.seq,
      idempotencyKey: t.idempotencyKey,
      accountId: t.accountId,
      type: t.type,
      description: t.description,
      holdId: t.holdId,
      orderNo: t.orderNo,
      resourceId: t.resourceId,
      availableAfter: t.availableAfter,
      createdAt: t.createdAt,
      entries,
      replayed: true,
    },
  };
}
