import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { contractEvents, contracts, staffApprovals } from "@/db/schema";
import { audit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { fourEyesThreshold, lockAllowance, recordAlone, windowSum } from "./allowance";

/**
 * Before a credit agreement takes effect: a raise of the credit limit is the countersigner's
 * change. Summed with the countersigner's other credit-limit changes to the account over 24
 * hours, above the four-eyes threshold it does not take effect: a request waits in
 * staff_approvals (the countersigner as requester) and the timeline says so; approving it
 * activates the contract. Returns true while it waits (or was turned down), false when the
 * activation may go ahead, recording the raise as the countersigner's. Runs in the
 * activation's transaction, with the contract row locked.
 */
export async function creditAgreementWaits(tx: Tx, contractId: string, now: Date): Promise<boolean> {
  const [c] = await tx.select().from(contracts).where(eq(contracts.id, contractId)).for("update");
  if (!c || c.kind !== "credit_agreement" || c.status !== "signed") return false; // the step itself refuses what cannot activate
  const [asked] = await tx.select({ status: staffApprovals.status }).from(staffApprovals).where(eq(staffApprovals.contractId, c.id));
  if (asked) return asked.status !== "approved";
  const before = (await getBalances(tx, { accountId: c.accountId })).creditLimit;
  const after = BigInt(c.terms.creditLimit!);
  const raise = after - before;
  if (raise <= 0n) return false;
  const countersigner = c.countersignedByUserId;
  if (!countersigner) throw new AppError("CONFLICT", `Contract ${c.number} has no countersigner on record; it cannot raise the credit limit.`);
  await lockAllowance(tx, countersigner, c.accountId);
  const earlier = await windowSum(tx, { accountId: c.accountId, userId: countersigner, kind: "credit_limit", now });
  if (earlier + raise <= fourEyesThreshold()) {
    await recordAlone(tx, { id: c.id, accountId: c.accountId, userId: countersigner, kind: "credit_limit", magnitude: raise, at: now, contractId: c.id });
    return false;
  }
  const reason = `Credit agreement ${c.number} active`;
  const [row] = await tx
    .insert(staffApprovals)
    .values({ kind: "credit_limit", accountId: c.accountId, amount: after, before, reason, requestedByUserId: countersigner, requestedAt: now, contractId: c.id })
    .returning({ id: staffApprovals.id });
  await tx.insert(contractEvents).values({ contractId: c.id, at: now, action: "await_approval", fromStatus: c.status, toStatus: c.status, actorKind: "system" });
  await audit(tx, {
    actorKind: "system",
    accountId: c.accountId,
    action: "staff.approval.requested",
    targetType: "staff_approval",
    targetId: row!.id,
    reason,
    data: { kind: "credit_limit", amount: after, before, earlier, contract: c.number, requestedBy: countersigner },
  });
  return true;
}

/** A turned-down activation stays signed; the timeline tells the customer (staff may then terminate it). */
export async function creditAgreementRejected(tx: Tx, contractId: string, now: Date): Promise<void> {
  const [c] = await tx.select({ status: contracts.status }).from(contracts).where(eq(contracts.id, contractId));
  if (c) await tx.insert(contractEvents).values({ contractId, at: now, action: "approval_rejected", fromStatus: c.status, toStatus: c.status, actorKind: "system" });
}
