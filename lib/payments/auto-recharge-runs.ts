import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { listBillingContacts } from "@/db/queries/memberships";
import { accounts, autoRechargeRuns } from "@/db/schema";
import { sendEmail } from "@/lib/email/send";
import { appUrl } from "@/lib/env";
import { formatMoney } from "@/lib/money";

/** Attempts per month, and the wait before each retry (after attempt 1, after attempt 2). */
export const AUTO_RECHARGE_MAX_ATTEMPTS = 3;
export const AUTO_RECHARGE_BACKOFF_MINUTES = [60, 360] as const;

export type Run = typeof autoRechargeRuns.$inferSelect;

/**
 * Records how a month's attempt ended, in the caller's transaction: succeeded closes the
 * month; undecided waits for the webhook; a definite failure schedules the next attempt
 * after its backoff, or after the last attempt marks the month failed and emails the
 * account's billing contacts (once).
 */
export async function autoRechargeOutcome(tx: Tx, paymentId: string | null, outcome: { ok: true } | { ok: null } | { ok: false; message: string }, now: Date, runId?: string): Promise<void> {
  const [run] = await tx
    .select()
    .from(autoRechargeRuns)
    .where(runId ? eq(autoRechargeRuns.id, runId) : eq(autoRechargeRuns.paymentId, paymentId!))
    .for("update");
  if (!run || run.status === "succeeded") return;
  if (outcome.ok === true) {
    await tx.update(autoRechargeRuns).set({ status: "succeeded", lastError: null, updatedAt: now }).where(eq(autoRechargeRuns.id, run.id));
    return;
  }
  if (outcome.ok === null) {
    await tx.update(autoRechargeRuns).set({ status: "waiting", updatedAt: now }).where(eq(autoRechargeRuns.id, run.id));
    return;
  }
  if (run.attempts < AUTO_RECHARGE_MAX_ATTEMPTS) {
    const wait = AUTO_RECHARGE_BACKOFF_MINUTES[run.attempts - 1] ?? AUTO_RECHARGE_BACKOFF_MINUTES.at(-1)!;
    await tx
      .update(autoRechargeRuns)
      .set({ status: "retry", lastError: outcome.message, nextAttemptAt: new Date(now.getTime() + wait * 60_000), updatedAt: now })
      .where(eq(autoRechargeRuns.id, run.id));
    return;
  }
  await tx.update(autoRechargeRuns).set({ status: "failed", lastError: outcome.message, updatedAt: now }).where(eq(autoRechargeRuns.id, run.id));
  const [account] = await tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, run.accountId));
  for (const c of await listBillingContacts(tx, { accountId: run.accountId })) {
    await sendEmail(tx, {
      to: c.email,
      locale: c.locale,
      template: "auto-recharge-failed",
      props: { name: c.name, account: account?.name ?? "", amount: formatMoney(run.amount, c.locale), attempts: run.attempts, reason: outcome.message, url: `${appUrl()}/a/${run.accountId}/billing/payment-methods` },
      idempotencyKey: `auto-recharge-failed:${run.accountId}:${run.month}:${c.userId}`,
      accountId: run.accountId,
    });
  }
}
