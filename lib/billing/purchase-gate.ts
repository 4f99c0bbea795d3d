import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { accountBillingState, resources } from "@/db/schema";
import { AppError } from "@/lib/errors";

export const OVERDUE_MESSAGE = "This account is overdue: pay what it owes (top up, or renew its stopped subscription) before buying or upgrading.";

/**
 * Why an account may not buy or upgrade now, or null when it may. An account is overdue
 * (Zenlayer's rule: nothing new until it pays) when
 * - it is in the pay-as-you-go overdue lifecycle (overdueSince is set), or
 * - its available funds (balance + credit limit) are below zero, or
 * - a subscription with auto-renew on is stopped because its renewal could not be paid
 *   (a subscription the customer chose not to renew, auto-renew off, owes nothing).
 */
export async function overdueReason(db: DbOrTx, accountId: string): Promise<"overdue" | "negative_funds" | "subscription_stopped" | null> {
  const [state] = await db.select({ since: accountBillingState.overdueSince }).from(accountBillingState).where(eq(accountBillingState.accountId, accountId));
  if (state?.since) return "overdue";
  if ((await getBalances(db, { accountId })).available < 0n) return "negative_funds";
  const [owed] = await db
    .select({ id: resources.id })
    .from(resources)
    .where(and(eq(resources.accountId, accountId), eq(resources.status, "stopped"), eq(resources.stoppedReason, "expiry"), eq(resources.autoRenew, true)))
    .limit(1);
  return owed ? "subscription_stopped" : null;
}

/**
 * Refuses a purchase, an activation or an upgrade of an overdue account with
 * ACCOUNT_OVERDUE (402), before anything is written. The UI shows errors.ACCOUNT_OVERDUE
 * in the reader's language; the API message is this English text.
 */
export async function assertMayBuy(db: DbOrTx, accountId: string): Promise<void> {
  if (await overdueReason(db, accountId)) throw new AppError("ACCOUNT_OVERDUE", OVERDUE_MESSAGE);
}
