import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { staffApprovals, staffChanges } from "@/db/schema";
import { type Micros, parseMoney } from "@/lib/money";

/** Changes larger than this (in USD, env FOUR_EYES_THRESHOLD_USD, default 10,000) need a second staff-finance member. */
export function fourEyesThreshold(): Micros {
  const raw = process.env.FOUR_EYES_THRESHOLD_USD?.trim();
  if (!raw) return 10_000_000_000n;
  return parseMoney(raw, { allowZero: true });
}

export type ChangeKind = "credit_limit" | "adjustment";

/** The four-eyes window: a change is counted with the same person's changes to the same account over this long. */
export const WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Serializes one person's changes to one account until the transaction ends, so two
 * requests at once cannot both count the other as not yet there.
 */
export async function lockAllowance(tx: Tx, userId: string, accountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`four-eyes:${userId}:${accountId}`}, 0))`);
}

/**
 * What this person changed on this account of this kind in the 24 hours before `now`
 * (absolute sizes, summed): what took effect on their word alone (staff_changes) and what
 * they asked a second person for, waiting or approved (staff_approvals). Rejected
 * requests changed nothing and do not count.
 */
export async function windowSum(db: DbOrTx, q: { accountId: string; userId: string; kind: ChangeKind; now: Date }): Promise<Micros> {
  const since = new Date(q.now.getTime() - WINDOW_MS);
  const [alone] = await db
    .select({ sum: sql<string>`coalesce(sum(${staffChanges.magnitude}), 0)` })
    .from(staffChanges)
    .where(and(eq(staffChanges.accountId, q.accountId), eq(staffChanges.userId, q.userId), eq(staffChanges.kind, q.kind), gt(staffChanges.at, since)));
  const size = q.kind === "credit_limit" ? sql`abs(${staffApprovals.amount} - coalesce(${staffApprovals.before}, 0))` : sql`abs(${staffApprovals.amount})`;
  const [asked] = await db
    .select({ sum: sql<string>`coalesce(sum(${size}), 0)` })
    .from(staffApprovals)
    .where(
      and(
        eq(staffApprovals.accountId, q.accountId),
        eq(staffApprovals.requestedByUserId, q.userId),
        eq(staffApprovals.kind, q.kind),
        inArray(staffApprovals.status, ["pending", "approved"]),
        gt(staffApprovals.requestedAt, since),
      ),
    );
  return BigInt(alone!.sum) + BigInt(asked!.sum);
}

/** Records a change that took effect without a second person, in the caller's transaction. */
export async function recordAlone(tx: DbOrTx, c: { id: string; accountId: string; userId: string; kind: ChangeKind; magnitude: Micros; at: Date; contractId?: string }): Promise<void> {
  await tx.insert(staffChanges).values({ ...c, contractId: c.contractId ?? null });
}

/** The window sums of one person on one account, for the confirmation step. */
export async function earlierChanges(db: DbOrTx, q: { accountId: string; userId: string; now: Date }): Promise<Record<ChangeKind, Micros>> {
  const [creditLimit, adjustment] = await Promise.all([windowSum(db, { ...q, kind: "credit_limit" }), windowSum(db, { ...q, kind: "adjustment" })]);
  return { credit_limit: creditLimit, adjustment };
}
