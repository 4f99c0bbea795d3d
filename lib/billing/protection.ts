import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accountBillingState, accounts } from "@/db/schema";
import { audit } from "@/lib/audit";
import { clockNow } from "@/lib/clock";
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/ledger";
import { requireStaffReason } from "@/lib/staff/reason";
import { withTx } from "@/db/tx";

/** The longest protection period staff can give one account: 30 days. */
export const PROTECTION_HOURS_MAX = 720;

export interface ProtectionChange {
  /** null: each product's own protection period. */
  before: number | null;
  after: number | null;
}

/**
 * Sets how long an overdue account's pay-as-you-go resources keep running before they are
 * stopped, for every product of the account (null: back to each product's own period), as
 * staff agreed it with the customer. The next overdue run uses it, also for an account that
 * is overdue already. The change and its reason are audited with the value before and after,
 * in the same transaction.
 */
export async function setAccountProtection(db: DbOrTx, input: { accountId: string; hours: number | null; reason: string; actor: Actor }): Promise<ProtectionChange> {
  const reason = requireStaffReason(input.reason);
  if (input.hours !== null && (!Number.isInteger(input.hours) || input.hours < 0 || input.hours > PROTECTION_HOURS_MAX)) {
    const message = `Enter whole hours from 0 to ${PROTECTION_HOURS_MAX}, or leave it empty for the product default.`;
    throw new AppError("VALIDATION", message, { hours: [message] });
  }
  return withTx(db, async (tx) => {
    const [account] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, input.accountId));
    if (!account) throw notFound("Account not found.");
    // The billing-state row lock serialises two staff members (and the overdue run) on the account.
    await tx.insert(accountBillingState).values({ accountId: input.accountId }).onConflictDoNothing();
    const [state] = await tx.select({ hours: accountBillingState.protectionHours }).from(accountBillingState).where(eq(accountBillingState.accountId, input.accountId)).for("update");
    const before = state!.hours;
    await tx.update(accountBillingState).set({ protectionHours: input.hours, updatedAt: clockNow() }).where(eq(accountBillingState.accountId, input.accountId));
    await audit(tx, {
      actorUserId: input.actor.userId ?? null,
      actorKind: input.actor.kind,
      accountId: input.accountId,
      action: "billing.protection.set",
      targetType: "account",
      targetId: input.accountId,
      reason,
      data: { beforeHours: before, afterHours: input.hours },
      ip: input.actor.ip ?? null,
    });
    return { before, after: input.hours };
  });
}
