import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, money, ts, updatedAt } from "./columns";
import { users } from "./identity";
import { accountKey, accountRef } from "./refs";


/**
 * The low-funds alert of an account (提醒设置): on or off, and an optional webhook. The row
 * is also what the reminder job locks per account, so two workers never interleave.
 */
export const alertSettings = pgTable("alert_settings", {
  accountId: accountKey(),
  enabled: boolean("enabled").notNull().default(false),
  webhookUrl: text("webhook_url"),
  /** Signs webhook events (HMAC-SHA256). Shown to the user once, when it is generated. */
  webhookSecret: text("webhook_secret"),
  updatedAt: updatedAt(),
  updatedByUserId: uuid("updated_by_user_id").references(() => users.id),
});

/** Up to five thresholds per account, each its own episode of reminders. */
export const alertThresholds = pgTable(
  "alert_thresholds",
  {
    id: id(),
    accountId: accountRef(),
    amount: money("amount").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("alert_thresholds_account_amount").on(t.accountId, t.amount), check("alert_thresholds_positive", sql`${t.amount} > 0`)],
);

export const lowFundsCloseReasonEnum = pgEnum("low_funds_close_reason", ["recovered", "disabled", "removed"]);

/**
 * One stretch of time an account's available funds spent below one threshold. At most one
 * open episode per account and threshold (the partial unique index); each reminder is
 * counted here and its emails carry the episode and the count in their idempotency keys.
 */
export const lowFundsEpisodes = pgTable(
  "low_funds_episodes",
  {
    id: id(),
    accountId: accountRef(),
    threshold: money("threshold").notNull(),
    startedAt: ts("started_at").notNull(),
    lastSentAt: ts("last_sent_at"),
    sentCount: integer("sent_count").notNull().default(0),
    closedAt: ts("closed_at"),
    closeReason: lowFundsCloseReasonEnum("close_reason"),
  },
  (t) => [
    uniqueIndex("low_funds_episodes_one_open").on(t.accountId, t.threshold).where(sql`${t.closedAt} is null`),
    index("low_funds_episodes_account_idx").on(t.accountId, t.startedAt),
    check("low_funds_episodes_count", sql`${t.sentCount} between 0 and 7`),
  ],
);

export const webhookStatusEnum = pgEnum("webhook_status", ["pending", "delivered", "failed", "cancelled"]);

/**
 * Signed webhook events, written in the transaction of the reminder that caused them and
 * delivered by a job with retries. The body is fixed when queued; the signature is made at
 * each attempt with the account's current secret.
 */
export const webhookOutbox = pgTable(
  "webhook_outbox",
  {
    id: id(),
    /** The event id the receiver sees (`evt_…`); the same reminder never queues two. */
    eventId: text("event_id").notNull(),
    accountId: accountRef(),
    type: text("type").notNull(),
    url: text("url").notNull(),
    body: text("body").notNull(),
    status: webhookStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    lastStatusCode: integer("last_status_code"),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    createdAt: createdAt(),
    deliveredAt: ts("delivered_at"),
  },
  (t) => [uniqueIndex("webhook_outbox_event_id").on(t.eventId), index("webhook_outbox_pending_idx").on(t.status, t.nextAttemptAt)],
);
