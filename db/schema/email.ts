import { index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, ts } from "./columns";
import { accounts, localeEnum } from "./identity";

export const emailStatusEnum = pgEnum("email_status", ["pending", "sent", "kept_local", "failed"]);

/**
 * Every email is written here in the transaction of the event that caused it, then
 * delivered by a job. The rendered html/text is what the recipient gets.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: id(),
    idempotencyKey: text("idempotency_key").notNull(),
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "set null" }),
    to: text("to").notNull(),
    locale: localeEnum("locale").notNull(),
    template: text("template").notNull(),
    props: jsonb("props").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    status: emailStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** Staff "resend" clicks: each gives the provider a new idempotency key, so it really sends again. */
    resends: integer("resends").notNull().default(0),
    lastError: text("last_error"),
    providerMessageId: text("provider_message_id"),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    createdAt: createdAt(),
    sentAt: ts("sent_at"),
  },
  (t) => [
    uniqueIndex("email_outbox_idempotency_key").on(t.idempotencyKey),
    index("email_outbox_pending_idx").on(t.status, t.nextAttemptAt),
    index("email_outbox_to_idx").on(t.to, t.createdAt),
  ],
);
