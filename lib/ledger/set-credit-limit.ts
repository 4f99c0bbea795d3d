import { clockNow } from "@/lib/clock";
import type { DbOrTx } from "@/db/client";
import { billingSettings } from "@/db/schema";
import { audit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { MAX_MONEY, type Micros } from "@/lib/money";
import { inLedgerTransaction, lockLedgerAccounts, toSpec } from "./accounts";
import type { Actor } from "./types";

export interface SetCreditLimitInput {
  accountId: string;
  creditLimit: Micros;
  reason: string;
  actor: Actor;
}

/**
 * Staff set how far an account's cash may go below zero. No money moves; the change is
 * audited. The cash account is locked so a hold placed at the same moment sees either
 * the old limit or the new one, never a mix.
 */
export async function setCreditLimit(db: DbOrTx, input: SetCreditLimitInput): Promise<{ previous: Micros; creditLimit: Micros }> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError("VALIDATION", "A credit limit change needs a reason.", { reason: ["A credit limit change needs a reason."] });
  if (input.creditLimit < 0n || input.creditLimit > MAX_MONEY) {
    throw new AppError("VALIDATION", "The credit limit must be zero or more.", { creditLimit: ["The credit limit must be zero or more."] });
  }
  return inLedgerTransaction(db, async (tx) => {
    const locked = await lockLedgerAccounts(tx, [toSpec(input.accountId, { kind: "cash" }), toSpec(input.accountId, { kind: "frozen" })], {
      accountId: input.accountId,
    });
    const previous = locked.creditLimit;
    const now = clockNow();
    await tx
      .insert(billingSettings)
      .values({ accountId: input.accountId, creditLimit: input.creditLimit, updatedAt: now, updatedByUserId: input.actor.userId ?? null })
      .onConflictDoUpdate({
        target: billingSettings.accountId,
        set: { creditLimit: input.creditLimit, updatedAt: now, updatedByUserId: input.actor.userId ?? null },
      });
    await audit(tx, {
      actorUserId: input.actor.userId ?? null,
      actorKind: input.actor.kind,
      accountId: input.accountId,
      action: "billing.credit_limit",
      targetType: "account",
      targetId: input.accountId,
      reason,
      ip: input.actor.ip ?? null,
      data: { from: previous, to: input.creditLimit },
    });
    return { previous, creditLimit: input.creditLimit };
  });
}
