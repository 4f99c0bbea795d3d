import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, money, ref, ts } from "./columns";
import { contracts } from "./contracts";
import { users } from "./identity";
import { accountRef } from "./refs";


export const staffApprovalKindEnum = pgEnum("staff_approval_kind", ["credit_limit", "adjustment"]);
export const staffApprovalStatusEnum = pgEnum("staff_approval_status", ["pending", "approved", "rejected"]);

/**
 * Four-eyes: a large credit-limit change or adjustment waits here until a second
 * staff-finance member approves it. The request id is the posting's idempotency key,
 * and the database refuses a decision by the requester.
 */
export const staffApprovals = pgTable(
  "staff_approvals",
  {
    id: id(),
    kind: staffApprovalKindEnum("kind").notNull(),
    accountId: accountRef(),
    /** credit_limit: the new limit; adjustment: the signed amount (positive credits). */
    amount: money("amount").notNull(),
    /** The figure when requested (credit limit), shown beside the request. */
    before: money("before"),
    reason: text("reason").notNull(),
    status: staffApprovalStatusEnum("status").notNull().default("pending"),
    requestedByUserId: ref("requested_by_user_id", () => users.id),
    requestedAt: ts("requested_at").notNull().defaultNow(),
    decidedByUserId: uuid("decided_by_user_id").references(() => users.id),
    decidedAt: ts("decided_at"),
    decisionNote: text("decision_note"),
    result: jsonb("result"),
    /**
     * Set when a credit agreement's activation waits here (kind credit_limit): approving
     * activates the contract. The requester is then the contract's countersigner, and a
     * trigger (migration) refuses a decision by the countersigner or the customer's signer.
     */
    contractId: uuid("contract_id").references(() => contracts.id),
    /** Set when the adjustment is a credit note against an issued invoice (kind adjustment): approving issues the note. */
    creditNote: jsonb("credit_note").$type<{ invoiceId: string; kind: "adjustment" | "correction"; linePosition?: number }>(),
  },
  (t) => [
    index("staff_approvals_status_idx").on(t.status, t.requestedAt),
    index("staff_approvals_account_idx").on(t.accountId, t.requestedAt),
    // The four-eyes window sums a requester's requests to one account.
    index("staff_approvals_requester_idx").on(t.accountId, t.requestedByUserId, t.requestedAt),
    // One request per contract: the daily job retrying an activation finds it and waits.
    uniqueIndex("staff_approvals_contract").on(t.contractId),
    check("staff_approvals_second_person", sql`${t.decidedByUserId} is null or ${t.decidedByUserId} <> ${t.requestedByUserId}`),
    check("staff_approvals_decided", sql`(${t.status} = 'pending') = (${t.decidedAt} is null)`),
  ],
);

/**
 * Credit-limit changes and adjustments that took effect on one staff member's word alone
 * (no second approver): a direct change, or a credit agreement activated on its
 * countersignature. With the requests in staff_approvals, the four-eyes window sums what
 * one person changed on one account over 24 hours (lib/staff/allowance.ts). The id is the
 * form's request id (a resubmitted form finds its row) or the contract's id. Append-only.
 */
export const staffChanges = pgTable(
  "staff_changes",
  {
    id: uuid("id").primaryKey(),
    accountId: accountRef(),
    userId: ref("user_id", () => users.id),
    kind: staffApprovalKindEnum("kind").notNull(),
    /** The size of the change, |after − before| (credit limit) or |amount| (adjustment). */
    magnitude: money("magnitude").notNull(),
    at: ts("at").notNull(),
    contractId: uuid("contract_id").references(() => contracts.id),
  },
  (t) => [index("staff_changes_window_idx").on(t.accountId, t.userId, t.kind, t.at), check("staff_changes_magnitude", sql`${t.magnitude} >= 0`)],
);

/**
 * The latest tick of every scheduled job, one row per job, written by the scheduler after
 * each tick (lib/jobs/schedule.ts): what the Runs page shows for jobs that run continuously
 * and keep no job_runs (delivery, payments, auto-recharge, contracts).
 */
export const jobHeartbeats = pgTable("job_heartbeats", {
  job: text("job").primaryKey(),
  lastStartedAt: ts("last_started_at").notNull(),
  lastFinishedAt: ts("last_finished_at").notNull(),
  /** "succeeded" or "failed": the latest tick's outcome. */
  lastStatus: text("last_status").notNull(),
  lastFailedAt: ts("last_failed_at"),
  lastError: text("last_error"),
  /** Failed ticks since the row was made. */
  failures: integer("failures").notNull().default(0),
});
