import { sql } from "drizzle-orm";
import { bigint, bigserial, check, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, ts } from "./columns";
import { accounts } from "./identity";

/**
 * The platform's event outbox (docs/platform.md). One row per billing event of an account
 * (`resource.stopped`, `invoice.issued`, …), written in the transaction of the change that
 * causes it, so an event exists exactly when its change does. `seq` orders them (the cursor of
 * `GET /api/v1/events` and the per-account delivery order); `event_id` is the stable id a
 * receiver dedupes by. The body is fixed when written; each attempt signs it again.
 */
export const billingEvents = pgTable(
  "billing_events",
  {
    seq: bigserial("seq", { mode: "bigint" }).primaryKey(),
    /** `evt_…`, what the receiver sees; a change that may be retried derives it, so it is written once. */
    eventId: text("event_id").notNull(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    type: text("type").notNull(),
    /** The payload's schema version (`data` of this type at this version, see lib/events/catalogue.ts). */
    version: integer("version").notNull().default(1),
    /** The JSON the receiver gets, exactly as signed. */
    body: text("body").notNull(),
    occurredAt: ts("occurred_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("billing_events_event_id").on(t.eventId), index("billing_events_account_idx").on(t.accountId, t.seq), index("billing_events_type_idx").on(t.type, t.seq)],
);

/**
 * Where events are sent. A platform endpoint (account_id null) is configured by staff and gets
 * every account's events of its types; a customer's endpoint (account_id set) is the account's
 * own alert webhook and gets only that account's events. The secret signs; after a rotation the
 * previous one also signs until `previous_secret_expires_at`, so a receiver can switch over.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: id(),
    accountId: uuid("account_id").references(() => accounts.id),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    eventTypes: text("event_types").array().notNull(),
    secret: text("secret").notNull(),
    previousSecret: text("previous_secret"),
    previousSecretExpiresAt: ts("previous_secret_expires_at"),
    createdByUserId: uuid("created_by_user_id"),
    createdAt: createdAt(),
    disabledAt: ts("disabled_at"),
  },
  (t) => [
    index("webhook_endpoints_account_idx").on(t.accountId),
    // An account has at most one endpoint of its own (the alert settings' webhook).
    uniqueIndex("webhook_endpoints_one_per_account").on(t.accountId).where(sql`${t.accountId} is not null`),
    check("webhook_endpoints_types", sql`cardinality(${t.eventTypes}) > 0`),
  ],
);

export const deliveryStatusEnum = pgEnum("delivery_status", ["pending", "delivered", "failed", "cancelled"]);

/**
 * One event to one endpoint. Queued with the event (same transaction) for every endpoint whose
 * types include it; delivered in `seq` order per endpoint and account, retried with backoff
 * for 3 days. A resend or a replay puts the row back to pending; the unique index keeps one
 * row per event and endpoint however often that happens.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventSeq: bigint("event_seq", { mode: "bigint" })
      .notNull()
      .references(() => billingEvents.seq),
    /** The event's account, copied so the per-account order needs no join. */
    accountId: uuid("account_id").notNull(),
    status: deliveryStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    /** Until when the current round of retries runs (3 days from the first queueing or the last resend). */
    retryUntil: ts("retry_until").notNull(),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    lastLatencyMs: integer("last_latency_ms"),
    lastAttemptAt: ts("last_attempt_at"),
    deliveredAt: ts("delivered_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_event_endpoint").on(t.eventSeq, t.endpointId),
    index("webhook_deliveries_pending_idx").on(t.endpointId, t.accountId, t.eventSeq).where(sql`${t.status} = 'pending'`),
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
  ],
);
