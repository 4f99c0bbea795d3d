import { simulatedTime } from "@/lib/clock";
import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import { holds } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { MAX_MONEY, type Micros } from "@/lib/money";
import { post } from "./post";
import type { Actor, PostResult } from "./types";

export interface PlaceHoldInput {
  accountId: string;
  /** One billing cycle's price of the resource being activated. */
  amount: Micros;
  resourceRef: string;
  /** What people call the resource (its name), for the description; defaults to resourceRef. */
  label?: string;
  /** One per activation request, so a double-submitted activation holds once. */
  idempotencyKey: string;
  actor: Actor;
}

export interface PlaceHoldResult {
  holdId: string;
  posting: PostResult;
}

/**
 * Moves money from cash to frozen for an activation. Refused with INSUFFICIENT_FUNDS,
 * changing nothing, when available funds (cash + credit limit) cannot cover it.
 */
export async function placeHold(db: DbOrTx, input: PlaceHoldInput): Promise<PlaceHoldResult> {
  if (input.amount <= 0n || input.amount > MAX_MONEY) throw new AppError("VALIDATION", "A hold must be a positive amount.");
  const resourceRef = input.resourceRef.trim();
  if (!resourceRef) throw new AppError("VALIDATION", "A hold must say what it is for.");
  const holdId = randomUUID();
  const posting = await post(db, {
    idempotencyKey: input.idempotencyKey,
    accountId: input.accountId,
    type: "hold",
    description: `Hold for ${input.label?.trim() || resourceRef}`,
    entries: [
      { account: { kind: "cash" }, amount: -input.amount },
      { account: { kind: "frozen" }, amount: input.amount },
    ],
    refs: { holdId, resourceId: resourceRef },
    guarded: true,
    // The hold id is new on every call, so it is not part of what makes a retry "the same".
    intent: { op: "hold", accountId: input.accountId, amount: input.amount, resourceRef },
    actor: input.actor,
    audit: { action: "ledger.hold", data: { amount: input.amount, holdId, resourceRef } },
    afterWrite: async (tx, result) => {
      await tx.insert(holds).values({ id: holdId, accountId: input.accountId, amount: input.amount, resourceRef, placedTransactionId: result.transactionId, createdAt: simulatedTime() ?? undefined });
    },
  });
  return { holdId: posting.holdId!, posting };
}
