import type { DbOrTx } from "@/db/client";
import { AppError } from "@/lib/errors";
import { MAX_MONEY, type Micros } from "@/lib/money";
import { post } from "./post";
import type { Actor, PostResult } from "./types";

export interface ChargeUsageInput {
  accountId: string;
  amount: Micros;
  /** Keyed by resource and billing period, so a rerun of the cycle charges once. */
  idempotencyKey: string;
  actor: Actor;
  resourceId?: string | null;
  orderNo?: string | null;
  holdId?: string | null;
  description?: string;
}

/**
 * Charges usage already consumed to cash. Never refused: the customer has used the
 * service, so this may take available funds below zero (which starts the overdue flow).
 */
export async function chargeUsage(db: DbOrTx, input: ChargeUsageInput): Promise<PostResult> {
  if (input.amount <= 0n || input.amount > MAX_MONEY) throw new AppError("VALIDATION", "A usage charge must be a positive amount.");
  return post(db, {
    idempotencyKey: input.idempotencyKey,
    accountId: input.accountId,
    type: "usage",
    description: input.description ?? (input.resourceId ? `Usage of ${input.resourceId}` : "Usage"),
    entries: [
      { account: { kind: "cash" }, amount: -input.amount },
      { account: { kind: "revenue" }, amount: input.amount },
    ],
    refs: { resourceId: input.resourceId ?? null, orderNo: input.orderNo ?? null, holdId: input.holdId ?? null },
    actor: input.actor,
    audit: { action: "ledger.usage", data: { amount: input.amount, resourceId: input.resourceId ?? null } },
  });
}
