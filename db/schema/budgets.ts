import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { products } from "./billing";
import { createdAt, id, money, ref, ts, updatedAt } from "./columns";
import { users } from "./identity";
import { accountRef } from "./refs";

export const budgetScopeEnum = pgEnum("budget_scope", ["all", "product", "tag"]);
export const budgetThresholdKindEnum = pgEnum("budget_threshold_kind", ["actual", "forecast"]);

/**
 * A monthly budget of a customer account (预算): an amount for a calendar month (platform
 * time zone) over everything, one product, or one tag value as charged. It warns and never
 * blocks: nothing on the charging or activation path reads it.
 *
 * The basis is net: list price less discounts and promotions, before vouchers pay any of it
 * (AWS's default unblended cost, which counts credits separately): a voucher pays a bill,
 * it does not make the usage cheaper. The column holds the one basis there is, so a second
 * one can be added without guessing what old rows meant.
 *
 * A deleted budget keeps its row (deleted_at), so its notifications and audit records still
 * name it.
 */
export const budgets = pgTable(
  "budgets",
  {
    id: id(),
    accountId: accountRef(),
    name: text("name").notNull(),
    amount: money("amount").notNull(),
    scope: budgetScopeEnum("scope").notNull(),
    productId: text("product_id").references(() => products.id),
    tagKey: text("tag_key"),
    tagValue: text("tag_value"),
    basis: text("basis").notNull().default("net"),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: ts("deleted_at"),
  },
  (t) => [
    check("budgets_amount_positive", sql`${t.amount} > 0`),
    check("budgets_basis", sql`${t.basis} = 'net'`),
    check("budgets_name", sql`length(${t.name}) between 1 and 80`),
    check(
      "budgets_scope_fields",
      sql`(${t.scope} = 'all' and ${t.productId} is null and ${t.tagKey} is null and ${t.tagValue} is null)
        or (${t.scope} = 'product' and ${t.productId} is not null and ${t.tagKey} is null and ${t.tagValue} is null)
        or (${t.scope} = 'tag' and ${t.productId} is null and ${t.tagKey} is not null and ${t.tagValue} is not null)`,
    ),
    index("budgets_account_idx").on(t.accountId, t.createdAt).where(sql`${t.deletedAt} is null`),
  ],
);

/** Up to five per budget (lib/budgets checks the count): a percentage of the amount, on actual or forecast spend. */
export const budgetThresholds = pgTable(
  "budget_thresholds",
  {
    id: id(),
    budgetId: ref("budget_id", () => budgets.id, { onDelete: "cascade" }),
    percent: integer("percent").notNull(),
    kind: budgetThresholdKindEnum("kind").notNull(),
  },
  (t) => [unique("budget_thresholds_key").on(t.budgetId, t.percent, t.kind), check("budget_thresholds_percent", sql`${t.percent} between 1 and 1000`)],
);

/**
 * A threshold crossing that was notified: one row per budget, threshold (its percent and
 * kind, so an edit that keeps a threshold keeps its history) and month, by unique key. The
 * job inserts it in the transaction that queues the emails and the webhook event, so a
 * rerun, a second instance, or spend that falls back under the threshold (a refund) never
 * sends the same crossing twice in a month.
 */
export const budgetNotifications = pgTable(
  "budget_notifications",
  {
    id: id(),
    budgetId: ref("budget_id", () => budgets.id, { onDelete: "cascade" }),
    accountId: accountRef(),
    percent: integer("percent").notNull(),
    kind: budgetThresholdKindEnum("kind").notNull(),
    /** "YYYY-MM" in the platform time zone. */
    month: text("month").notNull(),
    /** The budget's amount, the month's spend and its forecast when the crossing was seen. */
    budgetAmount: money("budget_amount").notNull(),
    spend: money("spend").notNull(),
    forecast: money("forecast").notNull(),
    recipients: integer("recipients").notNull(),
    sentAt: ts("sent_at").notNull(),
  },
  (t) => [unique("budget_notifications_once").on(t.budgetId, t.percent, t.kind, t.month), index("budget_notifications_account_idx").on(t.accountId, t.sentAt)],
);
