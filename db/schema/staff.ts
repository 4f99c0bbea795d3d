import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts, users } from "./identity";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const money = (name: string) => bigint(name, { mode: "bigint" });

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
    id: uuid("id").primaryKey().defaultRandom(),
    kind: staffApprovalKindEnum("kind").notNull(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    /** credit_limit: the new limit; adjustment: the signed amount (positive credits). */
    amount: money("amount").notNull(),
    /** The figure when requested (credit limit), shown beside the request. */
    before: money("before"),
    reason: text("reason").notNull(),
    status: staffApprovalStatusEnum("status").notNull().default("pending"),
    requestedByUserId: uuid("requested_by_user_id")
      .notNull()
      .references(() => users.id),
    requestedAt: ts("requested_at").notNull().defaultNow(),
    decidedByUserId: uuid("decided_by_user_id").references(() => users.id),
    decidedAt: ts("decided_at"),
    decisionNote: text("decision_note"),
    result: jsonb("result"),
  },
  (t) => [
    index("staff_approvals_status_idx").on(t.status, t.requestedAt),
    index("staff_approvals_account_idx").on(t.accountId, t.requestedAt),
    check("staff_approvals_second_person", sql`${t.decidedByUserId} is null or ${t.decidedByUserId} <> ${t.requestedByUserId}`),
    check("staff_approvals_decided", sql`(${t.status} = 'pending') = (${t.decidedAt} is null)`),
  ],
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
