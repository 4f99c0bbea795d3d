import { sql } from "drizzle-orm";
import { check, date, integer, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { money, tags } from "./columns";
import { accountRef } from "./refs";

/** A sum: starts at zero. */
const sum = (name: string) => money(name).notNull().default(sql`0`);

/** What both rollups sum (gross = discount + voucher_paid + cash_paid), and how many charges and orders went in. */
const spendSums = () => ({
  gross: sum("gross"),
  discount: sum("discount"),
  voucherPaid: sum("voucher_paid"),
  cashPaid: sum("cash_paid"),
  /** Charges and orders summed into the row. */
  items: integer("items").notNull().default(0),
});

/**
 * What each customer account spent per calendar month (platform time zone): the rollup
 * behind the overview's spend chart, so the chart reads at most twelve rows however
 * long the history. Written in the same transaction as the charges and subscription
 * orders it sums (lib/billing/spend.ts), so it never disagrees with them;
 * `verifyMonthlySpend` recomputes it from them to prove it.
 *
 * gross = discount + voucher_paid + cash_paid: list price, less promotions and
 * discounts, less what vouchers paid, leaves what the account actually paid.
 */
export const monthlySpend = pgTable(
  "monthly_spend",
  {
    accountId: accountRef(),
    /** The first day of the month. */
    month: date("month", { mode: "string" }).notNull(),
    ...spendSums(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.month] }),
    check("monthly_spend_sum", sql`${t.gross} = ${t.discount} + ${t.voucherPaid} + ${t.cashPaid}`),
  ],
);

/**
 * What each account spent per day (platform time zone), resource, product and tag set:
 * the rollup behind the cost explorer, the forecast and budgets. Written with
 * monthly_spend in the same statement group as the charges and orders it sums
 * (lib/billing/spend.ts), so a month of its rows equals that month's monthly_spend row and
 * invoice; `verifyDailyCosts` recomputes it from them. A range of days reads one row per
 * resource and day (a new row only when a resource's tags change), however long the
 * history. Region and billing mode come from the product. resource_id is null only for
 * an order without a resource.
 */
export const dailyCosts = pgTable(
  "daily_costs",
  {
    accountId: accountRef(),
    day: date("day", { mode: "string" }).notNull(),
    productId: text("product_id").notNull(),
    resourceId: uuid("resource_id"),
    tags: tags(),
    ...spendSums(),
  },
  (t) => [
    unique("daily_costs_key").on(t.accountId, t.day, t.productId, t.resourceId, t.tags).nullsNotDistinct(),
    check("daily_costs_sum", sql`${t.gross} = ${t.discount} + ${t.voucherPaid} + ${t.cashPaid}`),
  ],
);
