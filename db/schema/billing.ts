import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, index, integer, pgEnum, pgSequence, pgTable, text, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, money, productIds, ref, tags, ts, updatedAt, validity } from "./columns";
import { accounts } from "./identity";
import { accountKey, accountRef } from "./refs";

const bps = (name: string) => integer(name).notNull().default(0);
const productRef = () => text("product_id").notNull().references(() => products.id);

export const billingModeEnum = pgEnum("billing_mode", ["payg_hourly", "payg_daily", "subscription"]);
export const resourceStatusEnum = pgEnum("resource_status", ["pending", "running", "stopped", "released", "expired"]);
/** Why a resource is stopped: its account is overdue (pay-as-you-go), or its subscription expired without renewal. */
export const stopReasonEnum = pgEnum("resource_stop_reason", ["overdue", "expiry"]);
export const orderTypeEnum = pgEnum("order_type", ["activation", "renewal", "upgrade", "release", "subscription", "downgrade", "extension"]);
/**
 * The orders whose price is spend (monthly_spend, daily_costs and what verifies and rebuilds
 * them): a subscription's purchase, renewal, upgrade and longer term, each paid up front.
 * A downgrade costs nothing now; an activation's spend is its charges.
 */
export const SPEND_ORDER_TYPES = ["subscription", "renewal", "upgrade", "extension"] as const;
/** SPEND_ORDER_TYPES as an SQL list of literals (constants, never input): `type in (${spendOrderTypesSql})`. */
export const spendOrderTypesSql = sql.raw(SPEND_ORDER_TYPES.map((t) => `'${t}'`).join(", "));
export const jobRunStatusEnum = pgEnum("job_run_status", ["running", "done", "failed"]);

/**
 * The catalogue. Pay-as-you-go prices are per increment (hour or day) per unit; a
 * metered product is priced per unit of reported usage instead of per unit held;
 * subscription prices are per month, with a discount per term length.
 */
export const products = pgTable(
  "products",
  {
    id: text("id").primaryKey(),
    nameEn: text("name_en").notNull(),
    nameZh: text("name_zh").notNull(),
    category: text("category").notNull(),
    region: text("region").notNull(),
    dataCenter: text("data_center").notNull(),
    billingMode: billingModeEnum("billing_mode").notNull(),
    unitPrice: money("unit_price").notNull(),
    unitLabel: text("unit_label").notNull(),
    metered: boolean("metered").notNull().default(false),
    /** How long a resource of an overdue account keeps running before it is stopped. */
    protectionHours: integer("protection_hours").notNull().default(24),
    termDiscount1Bps: bps("term_discount_1_bps"),
    termDiscount3Bps: bps("term_discount_3_bps"),
    termDiscount6Bps: bps("term_discount_6_bps"),
    termDiscount12Bps: bps("term_discount_12_bps"),
    active: boolean("active").notNull().default(true),
    /**
     * A subscription's family and its size within it: a resource changes only to another
     * product of its family (a larger rank is an upgrade). Null: a family of its own.
     */
    family: text("family"),
    rank: integer("rank").notNull().default(0),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [
    check("products_unit_price", sql`${t.unitPrice} > 0`),
    check(
      "products_term_discounts",
      sql`${t.termDiscount1Bps} between 0 and 10000 and ${t.termDiscount3Bps} between 0 and 10000 and ${t.termDiscount6Bps} between 0 and 10000 and ${t.termDiscount12Bps} between 0 and 10000`,
    ),
  ],
);

/**
 * A customer's running thing. `billed_until` is where charging stopped: every increment
 * before it has exactly one charge row. Price and mode are copied from the product at
 * activation, so a catalogue change never reprices what is running.
 */
export const resources = pgTable(
  "resources",
  {
    id: id(),
    accountId: accountRef(),
    productId: productRef(),
    name: text("name").notNull(),
    quantity: bigint("quantity", { mode: "bigint" }).notNull(),
    status: resourceStatusEnum("status").notNull().default("pending"),
    billingMode: billingModeEnum("billing_mode").notNull(),
    unitPrice: money("unit_price").notNull(),
    startedAt: ts("started_at").notNull(),
    billedUntil: ts("billed_until").notNull(),
    stoppedAt: ts("stopped_at"),
    /** Set with stoppedAt while stopped; a stopped resource is released 72 hours after stoppedAt. */
    stoppedReason: stopReasonEnum("stopped_reason"),
    releasedAt: ts("released_at"),
    holdId: uuid("hold_id"),
    orderNo: text("order_no"),
    createdByUserId: uuid("created_by_user_id"),
    termMonths: integer("term_months"),
    expiresAt: ts("expires_at"),
    autoRenew: boolean("auto_renew").notNull().default(false),
    promotionCode: text("promotion_code"),
    /** A downgrade scheduled for the next term (lib/billing/subscription-change.ts): applied by the renewal, cancellable until then. */
    pendingProductId: text("pending_product_id").references(() => products.id),
    pendingQuantity: bigint("pending_quantity", { mode: "bigint" }),
    pendingOrderNo: text("pending_order_no"),
    /** The provisioning system's own id, so a retried API call finds the same resource. */
    externalId: text("external_id"),
    /** The activation's idempotency key: a double-submitted activation creates one resource. */
    requestKey: text("request_key").notNull(),
    /**
     * SHA-256 of the request that claimed the key (its normalized terms): a retry with other
     * terms under the same key or externalId is refused, not answered with this resource.
     * Written in the insert that claims the key; null for resources made before it existed.
     */
    requestHash: text("request_hash"),
    /** Cost allocation tags; each charge and order copies them when it is written. */
    tags: tags(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("resources_request_key").on(t.accountId, t.requestKey),
    uniqueIndex("resources_external_id").on(t.accountId, t.externalId).where(sql`${t.externalId} is not null`),
    index("resources_account_idx").on(t.accountId, t.status),
    // The API's resource list: an account's resources in (created_at, id) order, a keyset page at a time.
    index("resources_account_created_idx").on(t.accountId, t.createdAt, t.id),
    index("resources_due_idx").on(t.status, t.billedUntil),
    index("resources_expiry_idx").on(t.status, t.expiresAt),
    // The subscriptions job: stopped subscriptions due for release or for a renewal retry.
    index("resources_stopped_idx").on(t.stoppedReason, t.stoppedAt).where(sql`${t.status} = 'stopped'`),
    check("resources_quantity", sql`${t.quantity} > 0`),
    check("resources_subscription", sql`(${t.billingMode} = 'subscription') = (${t.termMonths} is not null and ${t.expiresAt} is not null)`),
  ],
);

/** Order numbers come from a sequence (never max + 1, which races). */
export const orderNoSeq = pgSequence("order_no_seq", { startWith: 100001 });

export const orders = pgTable(
  "orders",
  {
    id: id(),
    orderNo: text("order_no")
      .notNull()
      .default(sql`'ORD' || lpad(nextval('order_no_seq')::text, 10, '0')`),
    accountId: accountRef(),
    type: orderTypeEnum("type").notNull(),
    resourceId: uuid("resource_id").references(() => resources.id),
    productId: productRef(),
    quantity: bigint("quantity", { mode: "bigint" }).notNull(),
    termMonths: integer("term_months"),
    gross: money("gross").notNull(),
    discount: money("discount").notNull().default(sql`0`),
    net: money("net").notNull(),
    /** One order per request (activation key, renewal of one term), however often it is retried. */
    requestKey: text("request_key").notNull(),
    createdByUserId: uuid("created_by_user_id"),
    actorKind: text("actor_kind").notNull(),
    /** The resource's tags when the order was placed. */
    tags: tags(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("orders_order_no").on(t.orderNo),
    uniqueIndex("orders_request_key").on(t.accountId, t.requestKey),
    index("orders_account_idx").on(t.accountId, t.createdAt),
    check("orders_amounts", sql`${t.gross} >= 0 and ${t.discount} >= 0 and ${t.net} = ${t.gross} - ${t.discount}`),
  ],
);

/**
 * One row per resource per increment: the unique key is what makes a rerun of a cycle
 * charge nothing twice. gross - discount = voucher_paid + cash_part; the cash part is
 * accrued per account and deducted once it adds up to a cent (`posting_key` names the
 * batch whose postings carried it).
 */
export const charges = pgTable(
  "charges",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    accountId: accountRef(),
    resourceId: ref("resource_id", () => resources.id),
    productId: text("product_id").notNull(),
    periodStart: ts("period_start").notNull(),
    periodEnd: ts("period_end").notNull(),
    quantity: bigint("quantity", { mode: "bigint" }).notNull(),
    unitPrice: money("unit_price").notNull(),
    gross: money("gross").notNull(),
    discount: money("discount").notNull(),
    voucherPaid: money("voucher_paid").notNull(),
    cashPart: money("cash_part").notNull(),
    postingKey: text("posting_key").notNull(),
    /** The resource's tags when it was charged: renaming a tag later does not rewrite history. */
    tags: tags(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("charges_resource_period").on(t.resourceId, t.periodStart),
    index("charges_account_idx").on(t.accountId, t.periodStart),
    // Usage detail lists an account's (or one resource's) charges newest recorded first, by
    // (created_at, id) keyset: the day a charge is recorded on is the one its invoice and
    // daily_costs count it in, and both indexes keep a page's reads to the page.
    index("charges_account_created_idx").on(t.accountId, t.createdAt, t.id),
    index("charges_resource_created_idx").on(t.resourceId, t.createdAt, t.id),
    check(
      "charges_amounts",
      sql`${t.gross} >= 0 and ${t.discount} >= 0 and ${t.voucherPaid} >= 0 and ${t.cashPart} >= 0 and ${t.gross} - ${t.discount} = ${t.voucherPaid} + ${t.cashPart}`,
    ),
  ],
);

/**
 * Per customer account billing state. The row is also the billing run's claim on the
 * account (FOR UPDATE SKIP LOCKED), so two workers never charge one account at once.
 */
export const accountBillingState = pgTable(
  "account_billing_state",
  {
    accountId: accountKey(),
    /** Cash owed but not yet deducted, below one cent. */
    accrued: money("accrued").notNull().default(sql`0`),
    overdueSince: ts("overdue_since"),
    /** Overdue steps already taken: notified, stopped, released. */
    overdueSteps: text("overdue_steps").array().notNull().default(sql`'{}'::text[]`),
    /**
     * Staff-set hours an overdue account's pay-as-you-go resources keep running before they
     * are stopped, for every product; null: each product's own protection period.
     */
    protectionHours: integer("protection_hours"),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("account_billing_state_accrued", sql`${t.accrued} >= 0 and ${t.accrued} < 10000`),
    check("account_billing_state_protection_hours", sql`${t.protectionHours} between 0 and 720`),
  ],
);

/** Staff-set discount rates: per product, or for all products when product_id is null. */
export const accountDiscounts = pgTable(
  "account_discounts",
  {
    id: id(),
    accountId: accountRef(),
    productId: text("product_id").references(() => products.id),
    rateBps: integer("rate_bps").notNull(),
    reason: text("reason").notNull(),
    setByUserId: uuid("set_by_user_id"),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("account_discounts_scope").on(t.accountId, t.productId).nullsNotDistinct(),
    check("account_discounts_rate", sql`${t.rateBps} between 0 and 10000`),
  ],
);

export const promotions = pgTable(
  "promotions",
  {
    code: text("code").primaryKey(),
    description: text("description").notNull(),
    discountBps: integer("discount_bps").notNull(),
    /** Empty means every product. */
    productIds: productIds(),
    ...validity(),
    active: boolean("active").notNull().default(true),
  },
  (t) => [check("promotions_rate", sql`${t.discountBps} between 0 and 10000`)],
);

/** Metered usage reported by the provisioning system; the event id makes a retried report count once. */
export const usageEvents = pgTable(
  "usage_events",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    accountId: accountRef(),
    eventId: text("event_id").notNull(),
    resourceId: ref("resource_id", () => resources.id),
    quantity: bigint("quantity", { mode: "bigint" }).notNull(),
    occurredAt: ts("occurred_at").notNull(),
    /** The increment that charged it. */
    chargedPeriodStart: ts("charged_period_start"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("usage_events_event").on(t.accountId, t.eventId),
    index("usage_events_resource_idx").on(t.resourceId, t.occurredAt),
    check("usage_events_quantity", sql`${t.quantity} > 0`),
  ],
);

/** A period-keyed job claims its period here once; a second instance finds it taken. */
export const jobRuns = pgTable(
  "job_runs",
  {
    id: id(),
    job: text("job").notNull(),
    periodKey: text("period_key").notNull(),
    status: jobRunStatusEnum("status").notNull().default("running"),
    startedAt: ts("started_at").notNull().defaultNow(),
    finishedAt: ts("finished_at"),
    error: text("error"),
    /** The process holding the claim while 'running' (see lib/jobs/job-runs.ts: the lease). */
    workerId: text("worker_id"),
  },
  (t) => [uniqueIndex("job_runs_period").on(t.job, t.periodKey)],
);

/** Accounts a job run skipped because their work failed; the run went on with the others. */
export const jobRunFailures = pgTable(
  "job_run_failures",
  {
    id: id(),
    jobRunId: ref("job_run_id", () => jobRuns.id, { onDelete: "cascade" }),
    accountId: accountRef({ onDelete: "cascade" }),
    error: text("error").notNull(),
    failedAt: ts("failed_at").notNull().defaultNow(),
  },
  (t) => [index("job_run_failures_run_idx").on(t.jobRunId, t.failedAt)],
);

/** Keys of the provisioning API: shown once, stored as a hash. */
export const apiKeyKindEnum = pgEnum("api_key_kind", ["account", "platform"]);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    /** An account key acts on this account only; a platform key (null here) on any account named in the path. */
    accountId: uuid("account_id").references(() => accounts.id),
    kind: apiKeyKindEnum("kind").notNull().default("account"),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    createdByUserId: uuid("created_by_user_id"),
    createdAt: createdAt(),
    lastUsedAt: ts("last_used_at"),
    /** A platform key may be given an end; after it the key is refused like a revoked one. */
    expiresAt: ts("expires_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [
    uniqueIndex("api_keys_hash").on(t.keyHash),
    index("api_keys_account_idx").on(t.accountId),
    check("api_keys_kind_account", sql`(${t.kind} = 'account') = (${t.accountId} is not null)`),
  ],
);
