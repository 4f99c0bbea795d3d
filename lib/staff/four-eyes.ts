import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { accounts, staffApprovals } from "@/db/schema";
import { audit } from "@/lib/audit";
import { clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { inLedgerTransaction } from "@/lib/ledger/accounts";
import { setCreditLimit } from "@/lib/ledger/set-credit-limit";
import { staffAdjustment } from "@/lib/ledger/staff-adjustment";
import { absMoney, type Micros, parseMoney } from "@/lib/money";

export interface StaffActor {
  userId: string;
  ip?: string | null;
}

/** Changes larger than this (in USD, env FOUR_EYES_THRESHOLD_USD, default 10,000) need a second staff-finance member. */
export function fourEyesThreshold(): Micros {
  const raw = process.env.FOUR_EYES_THRESHOLD_USD?.trim();
  if (!raw) return 10_000_000_000n;
  return parseMoney(raw, { allowZero: true });
}

export type StaffChange<T> = { status: "posted"; before: Micros; after: Micros; result: T } | { status: "pending"; approvalId: string; before: Micros; after: Micros };

async function accountExists(db: DbOrTx, accountId: string) {
  const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId));
  if (!row) throw new AppError("NOT_FOUND", "Not found.");
}

/** The request row and its audit record, in one transaction; a repeated request id does nothing more. */
async function requestApproval(db: DbOrTx, req: { id: string; kind: "credit_limit" | "adjustment"; accountId: string; amount: Micros; before: Micros; reason: string; actor: StaffActor }) {
  return inLedgerTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(staffApprovals)
      .values({ id: req.id, kind: req.kind, accountId: req.accountId, amount: req.amount, before: req.before, reason: req.reason, requestedByUserId: req.actor.userId, requestedAt: clockNow() })
      .onConflictDoNothing()
      .returning({ id: staffApprovals.id });
    if (row) {
      await audit(tx, {
        actorUserId: req.actor.userId,
        actorKind: "staff",
        accountId: req.accountId,
        action: "staff.approval.requested",
        targetType: "staff_approval",
        targetId: req.id,
        reason: req.reason,
        ip: req.actor.ip ?? null,
        data: { kind: req.kind, amount: req.amount, before: req.before },
      });
    }
    return req.id;
  });
}

/** Set a credit limit now, or, when the change is above the four-eyes threshold, ask a second person. */
export async function changeCreditLimit(db: DbOrTx, input: { requestId: string; accountId: string; creditLimit: Micros; reason: string; actor: StaffActor }): Promise<StaffChange<null>> {
  await accountExists(db, input.accountId);
  const before = (await getBalances(db, { accountId: input.accountId })).creditLimit;
  if (absMoney(input.creditLimit - before) > fourEyesThreshold()) {
    const approvalId = await requestApproval(db, { id: input.requestId, kind: "credit_limit", accountId: input.accountId, amount: input.creditLimit, before, reason: input.reason, actor: input.actor });
    return { status: "pending", approvalId, before, after: input.creditLimit };
  }
  const r = await setCreditLimit(db, { accountId: input.accountId, creditLimit: input.creditLimit, reason: input.reason, actor: { kind: "staff", userId: input.actor.userId, ip: input.actor.ip } });
  return { status: "posted", before: r.previous, after: r.creditLimit, result: null };
}

/** Post an adjustment now (idempotent by the form's request id), or ask a second person above the threshold. */
export async function postAdjustment(db: DbOrTx, input: { requestId: string; accountId: string; amount: Micros; reason: string; actor: StaffActor }): Promise<StaffChange<{ transactionId: string }>> {
  await accountExists(db, input.accountId);
  const before = (await getBalances(db, { accountId: input.accountId })).balance;
  if (absMoney(input.amount) > fourEyesThreshold()) {
    const approvalId = await requestApproval(db, { id: input.requestId, kind: "adjustment", accountId: input.accountId, amount: input.amount, before, reason: input.reason, actor: input.actor });
    return { status: "pending", approvalId, before, after: before + input.amount };
  }
  const r = await staffAdjustment(db, {
    accountId: input.accountId,
    amount: input.amount,
    reason: input.reason,
    idempotencyKey: `staff-adjustment:${input.requestId}`,
    actor: { kind: "staff", userId: input.actor.userId, ip: input.actor.ip },
  });
  return { status: "posted", before, after: before + input.amount, result: { transactionId: r.transactionId } };
}

async function decisionRefused(db: DbOrTx, approvalId: string, actor: StaffActor): Promise<never> {
  const [row] = await db.select().from(staffApprovals).where(eq(staffApprovals.id, approvalId));
  if (!row) throw new AppError("NOT_FOUND", "Not found.");
  if (row.requestedByUserId === actor.userId) throw new AppError("FORBIDDEN", "A second staff-finance member must decide on your request.");
  throw new AppError("CONFLICT", "This request has already been decided.");
}

/**
 * A second staff-finance member approves: the request is claimed (pending → approved) and
 * posted in the same transaction, so it posts exactly once however many approve at once;
 * the posting's idempotency key is the request id as a second guard.
 */
export async function approveRequest(db: DbOrTx, input: { approvalId: string; note?: string; actor: StaffActor }) {
  return inLedgerTransaction(db, async (tx) => {
    const [row] = await tx
      .update(staffApprovals)
      .set({ status: "approved", decidedByUserId: input.actor.userId, decidedAt: clockNow(), decisionNote: input.note || null })
      .where(and(eq(staffApprovals.id, input.approvalId), eq(staffApprovals.status, "pending"), ne(staffApprovals.requestedByUserId, input.actor.userId)))
      .returning();
    if (!row) return decisionRefused(tx, input.approvalId, input.actor);
    const staff = { kind: "staff" as const, userId: input.actor.userId, ip: input.actor.ip };
    let result: Record<string, unknown>;
    if (row.kind === "credit_limit") {
      const r = await setCreditLimit(tx, { accountId: row.accountId, creditLimit: row.amount, reason: row.reason, actor: staff });
      result = { from: r.previous, to: r.creditLimit };
    } else {
      const r = await staffAdjustment(tx, { accountId: row.accountId, amount: row.amount, reason: row.reason, idempotencyKey: `staff-approval:${row.id}`, actor: staff });
      result = { transactionId: r.transactionId };
    }
    const json = JSON.parse(JSON.stringify(result, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
    await tx.update(staffApprovals).set({ result: json }).where(eq(staffApprovals.id, row.id));
    await audit(tx, {
      actorUserId: input.actor.userId,
      actorKind: "staff",
      accountId: row.accountId,
      action: "staff.approval.approved",
      targetType: "staff_approval",
      targetId: row.id,
      reason: input.note || row.reason,
      ip: input.actor.ip ?? null,
      data: { kind: row.kind, amount: row.amount, requestedBy: row.requestedByUserId, ...result },
    });
    return { id: row.id, kind: row.kind, accountId: row.accountId };
  });
}

/** A second staff-finance member turns the request down; nothing posts. */
export async function rejectRequest(db: DbOrTx, input: { approvalId: string; note: string; actor: StaffActor }) {
  return inLedgerTransaction(db, async (tx) => {
    const [row] = await tx
      .update(staffApprovals)
      .set({ status: "rejected", decidedByUserId: input.actor.userId, decidedAt: clockNow(), decisionNote: input.note })
      .where(and(eq(staffApprovals.id, input.approvalId), eq(staffApprovals.status, "pending"), ne(staffApprovals.requestedByUserId, input.actor.userId)))
      .returning();
    if (!row) return decisionRefused(tx, input.approvalId, input.actor);
    await audit(tx, {
      actorUserId: input.actor.userId,
      actorKind: "staff",
      accountId: row.accountId,
      action: "staff.approval.rejected",
      targetType: "staff_approval",
      targetId: row.id,
      reason: input.note,
      ip: input.actor.ip ?? null,
      data: { kind: row.kind, amount: row.amount, requestedBy: row.requestedByUserId },
    });
    return { id: row.id, kind: row.kind, accountId: row.accountId };
  });
}
