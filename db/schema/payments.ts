import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./identity";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const money = (name: string) => bigint(name, { mode: "bigint" });

export const paymentProviderEnum = pgEnum("payment_provider", ["test", "stripe"]);
export const paymentMethodKindEnum = pgEnum("payment_method_kind", ["card", "paypal", "alipay", "bank_transfer"]);
export const paymentPurposeEnum = pgEnum("payment_purpose", ["overrun", "top_up", "auto_recharge", "invoice"]);
export const paymentStatusEnum = pgEnum("payment_status", ["pending", "succeeded", "failed", "unknown"]);
export const voucherStatusEnum = pgEnum("voucher_status", ["active", "expired", "used_up", "revoked"]);

/** A saved way to pay. The provider token is the provider's reference, never card data. */
export const paymentMethods = pgTable(
  "payment_methods",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    provider: paymentProviderEnum("provider").notNull(),
    kind: paymentMethodKindEnum("kind").notNull(),
    label: text("label").notNull(),
    brand: text("brand"),
    last4: text("last4"),
    providerToken: text("provider_token").notNull(),
    isDefault: boolean("is_default").notNull().default(false),
    isPrimary: boolean("is_primary").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
    removedAt: ts("removed_at"),
  },
  (t) => [
    index("payment_methods_account_idx").on(t.accountId),
    // At most one default method per account among those not removed.
    uniqueIndex("payment_methods_one_default").on(t.accountId).where(sql`${t.isDefault} and ${t.removedAt} is null`),
  ],
);

/**
 * Every attempt to take money. The row (and its idempotency key) is written before the
 * provider is called, so a crash in between retries with the same key and never charges twice.
 */
export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
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
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    settledAt: ts("settled_at"),
  },
  (t) => [
    uniqueIndex("payments_idempotency_key").on(t.idempotencyKey),
    index("payments_account_idx").on(t.accountId, t.createdAt),
    index("payments_provider_idx").on(t.provider, t.providerPaymentId),
    check("payments_amount", sql`${t.amount} > 0`),
  ],
);

/**
 * A batch of voucher codes issued by staff. The plain codes exist only until the one
 * CSV download: `codes_sealed` holds them encrypted (AES-256-GCM under a key derived
 * from AUTH_SECRET) and is cleared by the statement that hands them out.
 */
export const voucherBatches = pgTable(
  "voucher_batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    note: text("note").notNull().default(""),
    count: integer("count").notNull(),
    faceValue: money("face_value").notNull(),
    /** Empty means every product. */
    productIds: text("product_ids").array().notNull().default(sql`'{}'::text[]`),
    validFrom: ts("valid_from").notNull(),
    validUntil: ts("valid_until").notNull(),
    createdByUserId: uuid("created_by_user_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
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
    id: uuid("id").primaryKey().defaultRandom(),
    /** Hash of the redemption code. */
    codeHash: text("code_hash").notNull(),
    accountId: uuid("account_id").references(() => accounts.id),
    faceValue: money("face_value").notNull(),
    /** Empty means every product. */
    productIds: text("product_ids").array().notNull().default(sql`'{}'::text[]`),
    validFrom: ts("valid_from").notNull(),
    validUntil: ts("valid_until").notNull(),
    status: voucherStatusEnum("status").notNull().default("active"),
    createdAt: ts("created_at").notNull().defaultNow(),
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
