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
  /** When a person's action credits the money (a staff-confirmed bank transfer), its record replaces the plain top-up's, so the action has one audit record. */
  audit?: { action: string; reason?: string; data?: Record<string, unknown> };
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
    audit: { action: input.audit?.action ?? "ledger.top_up", reason: input.audit?.reason, data: { amount: input.amount, provider: input.provider, ...input.audit?.data } },
  });
}
