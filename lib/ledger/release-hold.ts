import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { holds } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { post } from "./post";
import type { Actor, PostResult } from "./types";

export interface ReleaseHoldInput {
  holdId: string;
  /** When given, a hold of another account is "not found". */
  accountId?: string;
  actor: Actor;
  /** Defaults to one key per hold: a hold is released once, however often it is asked. */
  idempotencyKey?: string;
  /** What people call the resource (its name), for the description; defaults to the hold's resource reference. */
  label?: string;
}

/**
 * Moves a hold back from frozen to cash. If the customer owed money (cash below zero),
 * the same movement pays that off, and the history says "offset against payables".
 */
export async function releaseHold(db: DbOrTx, input: ReleaseHoldInput): Promise<PostResult> {
  const where = input.accountId ? and(eq(holds.id, input.holdId), eq(holds.accountId, input.accountId)) : eq(holds.id, input.holdId);
  const [hold] = await db.select().from(holds).where(where);
  if (!hold) throw notFound("Hold not found.");
  return post(db, {
    idempotencyKey: input.idempotencyKey ?? `hold-release:${hold.id}`,
    accountId: hold.accountId,
    type: "unfreeze",
    description: `Unfrozen: ${input.label?.trim() || hold.resourceRef}`,
    entries: [
      { account: { kind: "frozen" }, amount: -hold.amount },
      { account: { kind: "cash" }, amount: hold.amount },
    ],
    refs: { holdId: hold.id, resourceId: hold.resourceRef },
    intent: { op: "release", holdId: hold.id },
    actor: input.actor,
    audit: { action: "ledger.release", data: { amount: hold.amount, holdId: hold.id } },
    prepare: async (tx, locked) => {
      // Holds change only under their account's locks, which are held now.
      const [current] = await tx.select({ status: holds.status }).from(holds).where(eq(holds.id, hold.id));
      if (current?.status !== "active") throw new AppError("CONFLICT", "This hold has already been released.");
      if (locked.balance("cash") < 0n) {
        return { type: "offset_payables", description: `Offset against payables: ${input.label?.trim() || hold.resourceRef}` };
      }
    },
    afterWrite: async (tx, result) => {
      await tx
        .update(holds)
        .set({ status: "released", releasedTransactionId: result.transactionId, releasedAt: result.createdAt })
        .where(eq(holds.id, hold.id));
    },
  });
}
