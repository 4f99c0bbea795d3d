import { and, eq, ne } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { accounts, contracts, staffApprovals, staffChanges, users } from "@/db/schema";
import { audit } from "@/lib/audit";
import { clockNow } from "@/lib/clock";
import { activateContract } from "@/lib/contracts/flow";
import { issueCreditNote, planCreditNote } from "@/lib/credit-notes/issue";
import { AppError } from "@/lib/errors";
import { inLedgerTransaction } from "@/lib/ledger/accounts";
import { setCreditLimit } from "@/lib/ledger/set-credit-limit";
import { staffAdjustment } from "@/lib/ledger/staff-adjustment";
import { absMoney, type Micros } from "@/lib/money";
import { type ChangeKind, fourEyesThreshold, lockAllowance, recordAlone, windowSum } from "./allowance";
import { creditAgreementRejected } from "./contract-approval";

export interface StaffActor {
  userId: string;
  ip?: string | null;
}

export { fourEyesThreshold } from "./allowance";

/** `earlier`: the requester's other changes of this kind to the account in the last 24 hours, counted with this one. */
export type StaffChange<T> =
  | { status: "posted"; before: Micros; after: Micros; earlier: Micros; result: T }
  | { status: "pending"; approvalId: string; before: Micros; after: Micros; earlier: Micros };

async function accountExists(db: DbOrTx, accountId: string) {
  const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId));
  if (!row) throw new AppError("NOT_FOUND", "Not found.");
}

/** The request row and its audit record, in the caller's transaction; a repeated request id does nothing more. */
async function requestApproval(tx: DbOrTx, req: { id: string; kind: ChangeKind; accountId: string; amount: Micros; before: Micros; reason: string; actor: StaffActor; earlier: Micros; creditNote?: CreditNoteRequest }) {
  const [row] = await tx
    .insert(staffApprovals)
    .values({ id: req.id, kind: req.kind, accountId: req.accountId, amount: req.amount, before: req.before, reason: req.reason, requestedByUserId: req.actor.userId, requestedAt: clockNow(), creditNote: req.creditNote ?? null })
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
      data: { kind: req.kind, amount: req.amount, before: req.before, earlier: req.earlier },
    });
  }
  return req.id;
}

/**
 * The one decision of every staff change: under the (requester, account) lock, a form sent
 * again finds what its request id already did; otherwise the change is summed with the
 * requester's others of the same kind to this account over 24 hours, and above the
 * threshold it waits for a second person. Counting and posting share the transaction, so
 * two requests at once cannot both pass.
 */
async function decide<T>(
  db: DbOrTx,
  c: { requestId: string; accountId: string; actor: StaffActor; kind: ChangeKind },
  plan: (tx: Tx) => Promise<{ before: Micros; after: Micros; size: Micros; amount: Micros; reason: string; creditNote?: CreditNoteRequest }>,
  /** `again`: the form was sent again after its change took effect. */
  apply: (tx: Tx, again: boolean) => Promise<T>,
): Promise<StaffChange<T>> {
  return inLedgerTransaction(db, async (tx) => {
    await accountExists(tx, c.accountId);
    await lockAllowance(tx, c.actor.userId, c.accountId);
    const p = await plan(tx);
    const [asked] = await tx.select().from(staffApprovals).where(eq(staffApprovals.id, c.requestId));
    const [done] = await tx.select().from(staffChanges).where(eq(staffChanges.id, c.requestId));
    const mine = (r: { accountId: string; kind: string } | undefined) => r && r.accountId === c.accountId && r.kind === c.kind;
    if ((asked && !mine(asked)) || (done && !mine(done))) throw new AppError("CONFLICT", "This form was already used; reload the page.");
    const now = clockNow();
    const earlier = await windowSum(tx, { accountId: c.accountId, userId: c.actor.userId, kind: c.kind, now });
    if (asked) return { status: "pending", approvalId: asked.id, before: p.before, after: p.after, earlier };
    if (done) return { status: "posted", before: p.before, after: p.after, earlier: earlier - done.magnitude, result: await apply(tx, true) };
    if (earlier + p.size > fourEyesThreshold()) {
      const approvalId = await requestApproval(tx, { id: c.requestId, kind: c.kind, accountId: c.accountId, amount: p.amount, before: p.before, reason: p.reason, actor: c.actor, earlier, creditNote: p.creditNote });
      return { status: "pending", approvalId, before: p.before, after: p.after, earlier };
    }
    const result = await apply(tx, false);
    if (p.size > 0n) await recordAlone(tx, { id: c.requestId, accountId: c.accountId, userId: c.actor.userId, kind: c.kind, magnitude: p.size, at: now });
    return { status: "posted", before: p.before, after: p.after, earlier, result };
  });
}

/** Set a credit limit now, or, when it takes the requester past the four-eyes threshold, ask a second person. */
export async function changeCreditLimit(db: DbOrTx, input: { requestId: string; accountId: string; creditLimit: Micros; reason: string; actor: StaffActor }): Promise<StaffChange<null>> {
  return decide(
    db,
    { ...input, kind: "credit_limit" },
    async (tx) => {
      const before = (await getBalances(tx, { accountId: input.accountId })).creditLimit;
      return { before, after: input.creditLimit, size: absMoney(input.creditLimit - before), amount: input.creditLimit, reason: input.reason };
    },
    async (tx, again) => {
      // A form sent again after its change took effect changes nothing more (and is not audited twice).
      if (!again) await setCreditLimit(tx, { accountId: input.accountId, creditLimit: input.creditLimit, reason: input.reason, actor: { kind: "staff", userId: input.actor.userId, ip: input.actor.ip } });
      return null;
    },
  );
}

/** Post an adjustment now (idempotent by the form's request id), or ask a second person when it takes the requester past the threshold. */
export async function postAdjustment(db: DbOrTx, input: { requestId: string; accountId: string; amount: Micros; reason: string; actor: StaffActor }): Promise<StaffChange<{ transactionId: string }>> {
  return decide(
    db,
    { ...input, kind: "adjustment" },
    async (tx) => {
      const before = (await getBalances(tx, { accountId: input.accountId })).balance;
      return { before, after: before + input.amount, size: absMoney(input.amount), amount: input.amount, reason: input.reason };
    },
    async (tx) => {
      const r = await staffAdjustment(tx, {
        accountId: input.accountId,
        amount: input.amount,
        reason: input.reason,
        idempotencyKey: `staff-adjustment:${input.requestId}`,
        actor: { kind: "staff", userId: input.actor.userId, ip: input.actor.ip },
      });
      return { transactionId: r.transactionId };
    },
  );
}

/**
 * A credit note waiting for a second person: which invoice it credits and why (its amount is
 * the approval's, before tax), and the invoice line it corrects when it corrects one.
 */
export type CreditNoteRequest = { invoiceId: string; kind: "adjustment" | "correction"; linePosition?: number };

/** The amount or the corrected line of a requested note, as issueCreditNote takes them. */
const creditNoteAmount = (net: Micros, linePosition: number | undefined) => (linePosition == null ? { amount: net } : { lines: [{ position: linePosition, amount: net }] });

/**
 * Issue a credit note against an invoice now, or ask a second person when its total (tax
 * included) takes the requester's adjustments to the account past the threshold: a credit
 * note credits the customer's cash as an adjustment does, so it counts with them.
 */
export async function postCreditNote(
  db: DbOrTx,
  input: { requestId: string; accountId: string; invoiceId: string; net: Micros; kind: CreditNoteRequest["kind"]; linePosition?: number; reason: string; actor: StaffActor },
): Promise<StaffChange<{ number: string }>> {
  return decide(
    db,
    { ...input, kind: "adjustment" },
    async (tx) => {
      // Refused now (nothing saved) when it does not fit the invoice or the corrected line; the issue checks again.
      const { total } = await planCreditNote(tx, { accountId: input.accountId, invoiceId: input.invoiceId, ...creditNoteAmount(input.net, input.linePosition) });
      const before = (await getBalances(tx, { accountId: input.accountId })).balance;
      const creditNote: CreditNoteRequest = { invoiceId: input.invoiceId, kind: input.kind, ...(input.linePosition == null ? {} : { linePosition: input.linePosition }) };
      return { before, after: before + total, size: total, amount: input.net, reason: input.reason, creditNote };
    },
    async (tx) => {
      const { note } = await issueCreditNote(tx, {
        accountId: input.accountId, invoiceId: input.invoiceId, kind: input.kind, reason: input.reason, ...creditNoteAmount(input.net, input.linePosition),
        requestKey: `staff-credit-note:${input.requestId}`, actor: { kind: "staff", userId: input.actor.userId, ip: input.actor.ip }, now: clockNow(),
      });
      return { number: note.number };
    },
  );
}

/**
 * A credit agreement's activation is decided by neither its countersigner (the requester:
 * refused below and by a check constraint) nor the customer's signer (refused here and by
 * a trigger).
 */
async function refuseContractParty(tx: Tx, approvalId: string, actor: StaffActor) {
  const [c] = await tx
    .select({ signedBy: contracts.signedByUserId })
    .from(staffApprovals)
    .innerJoin(contracts, eq(contracts.id, staffApprovals.contractId))
    .where(eq(staffApprovals.id, approvalId));
  if (c && c.signedBy === actor.userId) throw new AppError("FORBIDDEN", "The customer's signer cannot decide on this contract.");
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
    await refuseContractParty(tx, input.approvalId, input.actor);
    const [row] = await tx
      .update(staffApprovals)
      .set({ status: "approved", decidedByUserId: input.actor.userId, decidedAt: clockNow(), decisionNote: input.note || null })
      .where(and(eq(staffApprovals.id, input.approvalId), eq(staffApprovals.status, "pending"), ne(staffApprovals.requestedByUserId, input.actor.userId)))
      .returning();
    if (!row) return decisionRefused(tx, input.approvalId, input.actor);
    const staff = { kind: "staff" as const, userId: input.actor.userId, ip: input.actor.ip };
    let result: Record<string, unknown>;
    if (row.contractId) {
      const [me] = await tx.select({ name: users.name }).from(users).where(eq(users.id, input.actor.userId));
      const c = await activateContract(tx, { contractId: row.contractId, approvedBy: { kind: "staff", userId: input.actor.userId, name: me?.name ?? null, ip: input.actor.ip } });
      result = { contract: c.number, from: BigInt(c.previousCreditLimit ?? "0"), to: BigInt(c.terms.creditLimit ?? "0") };
    } else if (row.creditNote) {
      const { note } = await issueCreditNote(tx, {
        accountId: row.accountId, invoiceId: row.creditNote.invoiceId, kind: row.creditNote.kind, reason: row.reason, ...creditNoteAmount(row.amount, row.creditNote.linePosition),
        requestKey: `staff-approval:${row.id}`, actor: staff, now: clockNow(),
      });
      result = { creditNote: note.number, total: note.total };
    } else if (row.kind === "credit_limit") {
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
    await refuseContractParty(tx, input.approvalId, input.actor);
    const [row] = await tx
      .update(staffApprovals)
      .set({ status: "rejected", decidedByUserId: input.actor.userId, decidedAt: clockNow(), decisionNote: input.note })
      .where(and(eq(staffApprovals.id, input.approvalId), eq(staffApprovals.status, "pending"), ne(staffApprovals.requestedByUserId, input.actor.userId)))
      .returning();
    if (!row) return decisionRefused(tx, input.approvalId, input.actor);
    if (row.contractId) await creditAgreementRejected(tx, row.contractId, clockNow());
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
