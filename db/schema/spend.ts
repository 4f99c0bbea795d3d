import { sql } from "drizzle-orm";
import { bigint, check, date, integer, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./identity";

const money = (name: string) => bigint(name, { mode: "bigint" }).notNull().default(sql`0`);

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
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    /** The first day of the month. */
    month: date("month", { mode: "string" }).notNull(),
    gross: money("gross"),
    discount: money("discount"),
    voucherPaid: money("voucher_paid"),
    cashPaid: money("cash_paid"),
    /** Charges and orders summed into the row. */
    items: integer("items").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.month] }),
    check("monthly_spend_sum", sql`${t.gross} = ${t.discount} + ${t.voucherPaid} + ${t.cashPaid}`),
  ],
);
