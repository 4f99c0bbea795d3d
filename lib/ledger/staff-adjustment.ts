import type { DbOrTx } from "@/db/client";
import { AppError } from "@/lib/errors";
import { MAX_MONEY, type Micros } from "@/lib/money";
import { post } from "./post";
import type { Actor, PostResult } from "./types";

export interface StaffAdjustmentInput {
  accountId: string;
  /** Positive credits the customer, negative debits; never zero. */
  amount: Micros;
  reason: string;
  idempotencyKey: string;
  actor: Actor;
}

/** A staff correction of a customer's cash against the adjustments account, with the reason on record. */
export async function staffAdjustment(db: DbOrTx, input: StaffAdjustmentInput): Promise<PostResult> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError("VALIDATION", "An adjustment needs a reason.", { reason: ["An adjustment needs a reason."] });
  if (input.amount === 0n) throw new AppError("VALIDATION", "An adjustment cannot be zero.", { amount: ["An adjustment cannot be zero."] });
  if (input.amount > MAX_MONEY || input.amount < -MAX_MONEY) throw new AppError("VALIDATION", "The adjustment is too large.");
  return post(db, {
    idempotencyKey: input.idempotencyKey,
    accountId: input.accountId,
    type: "adjustment",
    description: reason,
    entries: [
      { account: { kind: "cash" }, amount: input.amount },
      { account: { kind: "adjustments" }, amount: -input.amount },
    ],
    actor: input.actor,
    intent: { op: "adjustment", accountId: input.accountId, amount: input.amount, reason },
    audit: { action: "ledger.adjustment", reason, data: { amount: input.amount } },
  });
}
