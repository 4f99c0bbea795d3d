import type { DbOrTx } from "@/db/client";
import { AppError } from "@/lib/errors";
import { MAX_MONEY, type Micros } from "@/lib/money";
import { post } from "./post";
import type { Actor, PostResult } from "./types";

export interface TopUpInput {
  accountId: string;
  amount: Micros;
  /** Payment provider whose clearing account the money arrives through ("test", "stripe", "bank_transfer"). */
  provider: string;
  /** From the payment (provider event or payment id), so a retried webhook credits once. */
  idempotencyKey: string;
  actor: Actor;
  orderNo?: string | null;
  description?: string;
}

/** Credits the customer's cash with money received through a payment provider. */
export async function topUp(db: DbOrTx, input: TopUpInput): Promise<PostResult> {
  if (input.amount <= 0n || input.amount > MAX_MONEY) throw new AppError("VALIDATION", "A top-up must be a positive amount.");
  return post(db, {
    idempotencyKey: input.idempotencyKey,
    accountId: input.accountId,
    type: "top_up",
    description: input.description ?? `Top-up via ${input.provider}`,
    entries: [
      { account: { kind: "cash" }, amount: input.amount },
      { account: { kind: "payment_clearing", ref: input.provider }, amount: -input.amount },
    ],
    refs: { orderNo: input.orderNo ?? null },
    actor: input.actor,
    audit: { action: "ledger.top_up", data: { amount: input.amount, provider: input.provider } },
  });
}
