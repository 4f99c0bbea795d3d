import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, money, productIds, ref, ts, updatedAt, validity } from "./columns";
import { accounts, users } from "./identity";
import { accountKey, accountRef } from "./refs";


export const paymentProviderEnum = pgEnum("payment_provider", ["test", "stripe", "bank_transfer"]);
export const paymentMethodKindEnum = pgEnum("payment_method_kind", ["card", "paypal", "alipay", "bank_transfer"]);
export const paymentPurposeEnum = pgEnum("payment_purpose", ["overrun", "top_up", "auto_recharge", "invoice"]);
export const paymentStatusEnum = pgEnum("payment_status", ["pending", "succeeded", "failed", "unknown"]);
export const voucherStatusEnum = pgEnum("voucher_status", ["active", "expired", "used_up", "revoked"]);

/** A saved way to pay. The provider token is the provider's reference, never card data. */
export const paymentMethods = pgTable(
  "payment_methods",
  {
    id: id(),
    accountId: accountRef(),
    provider: paymentProviderEnum("provider").notNull(),
    kind: paymentMethodKindEnum("kind").notNull(),
    label: text("label").notNull(),
    brand: text("brand"),
    last4: text("last4"),
    providerToken: text("provider_token").notNull(),
    isDefault: boolean("is_default").notNull().default(false),
    isPrimary: boolean("is_primary").notNull().default(false),
    createdAt: createdAt(),
    removedAt: ts("removed_at"),
  },
  (t) => [
    index("payment_methods_account_idx").on(t.accountId),
    // At most one default method per account among those not removed.
    uniqueIndex("payment_methods_one_default").on(t.accountId).where(sql`${t.isDefault} and ${t.removedAt} is null`),
    // And at most one primary (auto-recharge) method.
    uniqueIndex("payment_methods_one_primary").on(t.accountId).where(sql`${t.isPrimary} and ${t.removedAt} is null`),
  ],
);

/**
 * Every attempt to take money. The row (and its idempotency key) is written before the
 * provider is called, so a crash in between retries with the same key and never charges twice.
 */
export const payments = pgTable(
  "payments",
  {
    id: id(),
    accountId: accountRef(),
    methodId: uuid("method_id").references(() => paymentMethods.id),
    provider: paymentProviderEnum("provider").notNull(),
    amount: money("amount").notNull(),
    purpose: paymentPurposeEnum("purpose").notNull(),
    status: paymentStatusEnum("status").notNull().default("pending"),
    idempotencyKey: text("idempotency_key").notNull(),
    providerPaymentId: text("provider_payment_id"),
    error: text("error"),
    /** The top-up posting that credited the money, once it succeeded. */
    ledgerTransactionId: uuid("ledger_transaction_id"),
    /** Who asked for it (top-ups): the receipt goes to them, in their language. */
    userId: uuid("user_id").references(() => users.id),
    /** Wire transfers: the amount staff confirmed as received (credited instead of the announced amount). */
    receivedAmount: money("received_amount"),
    confirmedByUserId: uuid("confirmed_by_user_id").references(() => users.id),
    /** Sum of successful and in-flight refunds; never above the amount credited. */
    refundedAmount: money("refunded_amount").notNull().default(sql`0`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    settledAt: ts("settled_at"),
  },
  (t) => [
    uniqueIndex("payments_idempotency_key").on(t.idempotencyKey),
    index("payments_account_idx").on(t.accountId, t.createdAt),
    index("payments_provider_idx").on(t.provider, t.providerPaymentId),
    check("payments_amount", sql`${t.amount} > 0`),
    check("payments_refunded", sql`${t.refundedAmount} >= 0 and ${t.refundedAmount} <= coalesce(${t.receivedAmount}, ${t.amount})`),
    index("payments_status_idx").on(t.status, t.updatedAt),
  ],
);

export const refundStatusEnum = pgEnum("refund_status", ["pending", "succeeded", "failed", "unknown"]);

/** A staff refund of (part of) a top-up to the method it came from. The ledger debit comes first. */
export const paymentRefunds = pgTable(
  "payment_refunds",
  {
    id: id(),
    paymentId: ref("payment_id", () => payments.id),
    accountId: accountRef(),
    amount: money("amount").notNull(),
    status: refundStatusEnum("status").notNull().default("pending"),
    idempotencyKey: text("idempotency_key").notNull(),
    providerRefundId: text("provider_refund_id"),
    reason: text("reason").notNull(),
    staffUserId: uuid("staff_user_id").references(() => users.id),
    ledgerTransactionId: uuid("ledger_transaction_id"),
    error: text("error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    settledAt: ts("settled_at"),
  },
  (t) => [
    uniqueIndex("payment_refunds_idempotency_key").on(t.idempotencyKey),
    index("payment_refunds_payment_idx").on(t.paymentId),
    check("payment_refunds_amount", sql`${t.amount} > 0`),
  ],
);

/** Every verified provider webhook event, once: a replay finds its row and changes nothing. */
export const paymentWebhookEvents = pgTable(
  "payment_webhook_events",
  {
    id: id(),
    provider: paymentProviderEnum("provider").notNull(),
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    receivedAt: ts("received_at").notNull().defaultNow(),
    processedAt: ts("processed_at"),
  },
  (t) => [uniqueIndex("payment_webhook_events_event").on(t.provider, t.eventId)],
);

/** The provider's customer object for an account (Stripe Customer), created on first use. */
export const paymentCustomers = pgTable(
  "payment_customers",
  {
    accountId: accountRef({ onDelete: "cascade" }),
    provider: paymentProviderEnum("provider").notNull(),
    customerRef: text("customer_ref").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.provider] })],
);

/** Auto-recharge (自动充值): a fixed amount through the primary method on one day each month. */
export const autoRechargeSettings = pgTable(
  "auto_recharge_settings",
  {
    accountId: accountKey({ onDelete: "cascade" }),
    enabled: boolean("enabled").notNull().default(false),
    amount: money("amount").notNull(),
    /** 1–28, so every month has the day. */
    dayOfMonth: integer("day_of_month").notNull(),
    updatedAt: updatedAt(),
    updatedByUserId: uuid("updated_by_user_id").references(() => users.id),
  },
  (t) => [check("auto_recharge_amount", sql`${t.amount} > 0`), check("auto_recharge_day", sql`${t.dayOfMonth} between 1 and 28`)],
);

export const autoRechargeRunStatusEnum = pgEnum("auto_recharge_run_status", ["pending", "charging", "waiting", "retry", "succeeded", "failed"]);

/**
 * One row per account and month (unique): the claim that makes the month's recharge
 * happen at most once, whatever number of jobs run it. Attempts are bounded; each has
 * its own payment key, and a new attempt starts only after the previous one definitely failed.
 */
export const autoRechargeRuns = pgTable(
  "auto_recharge_runs",
  {
    id: id(),
    accountId: accountRef({ onDelete: "cascade" }),
    /** YYYY-MM */
    month: text("month").notNull(),
    amount: money("amount").notNull(),
    status: autoRechargeRunStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull(),
    claimedAt: ts("claimed_at"),
    paymentId: uuid("payment_id").references(() => payments.id),
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("auto_recharge_runs_month").on(t.accountId, t.month), index("auto_recharge_runs_due").on(t.status, t.nextAttemptAt)],
);

/**
 * A batch of voucher codes issued by staff. The plain codes exist only until the one
 * CSV download: `codes_sealed` holds them encrypted (AES-256-GCM under a key derived
 * from AUTH_SECRET) and is cleared by the statement that hands them out.
 */
export const voucherBatches = pgTable(
  "voucher_batches",
  {
    id: id(),
    note: text("note").notNull().default(""),
    count: integer("count").notNull(),
    faceValue: money("face_value").notNull(),
    /** Empty means every product. */
    productIds: productIds(),
    ...validity(),
    createdByUserId: uuid("created_by_user_id"),
    createdAt: createdAt(),
    codesSealed: text("codes_sealed"),
    downloadedAt: ts("downloaded_at"),
    downloadedByUserId: uuid("downloaded_by_user_id"),
  },
  (t) => [
    check("voucher_batches_count", sql`${t.count} between 1 and 10000`),
    check("voucher_batches_face_value", sql`${t.faceValue} > 0`),
    check("voucher_batches_validity", sql`${t.validUntil} > ${t.validFrom}`),
  ],
);

/**
 * A voucher's terms. Its value lives on the ledger (kind "voucher", ref = voucher id);
 * this row says what it may pay for and until when.
 */
export const vouchers = pgTable(
  "vouchers",
  {
    id: id(),
    /** Hash of the redemption code. */
    codeHash: text("code_hash").notNull(),
    accountId: uuid("account_id").references(() => accounts.id),
    faceValue: money("face_value").notNull(),
    /** Empty means every product. */
    productIds: productIds(),
    ...validity(),
    status: voucherStatusEnum("status").notNull().default("active"),
    createdAt: createdAt(),
    expiredAt: ts("expired_at"),
    batchId: uuid("batch_id").references(() => voucherBatches.id),
    /** The code's last four characters, so staff can tell codes apart without the code. */
    codeHint: text("code_hint"),
    redeemedAt: ts("redeemed_at"),
    redeemedByUserId: uuid("redeemed_by_user_id"),
    revokedAt: ts("revoked_at"),
    revokedByUserId: uuid("revoked_by_user_id"),
  },
  (t) => [
    uniqueIndex("vouchers_code_hash").on(t.codeHash),
    index("vouchers_batch_idx").on(t.batchId),
    index("vouchers_account_idx").on(t.accountId, t.status, t.validUntil),
    check("vouchers_face_value", sql`${t.faceValue} > 0`),
    check("vouchers_validity", sql`${t.validUntil} > ${t.validFrom}`),
  ],
);
