import { sql } from "drizzle-orm";
import { bigserial, boolean, check, index, pgEnum, pgTable, smallint, text, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, money, ref, ts, updatedAt } from "./columns";
import { accounts } from "./identity";
import { accountKey, accountRef } from "./refs";


/** Customer-owned kinds carry account_id; system kinds belong to the platform. */
export const ledgerAccountKindEnum = pgEnum("ledger_account_kind", [
  "cash",
  "frozen",
  "voucher",
  "revenue",
  "payment_clearing",
  "promotions",
  "voucher_issuance",
  "adjustments",
  "tax_payable",
]);

export const holdStatusEnum = pgEnum("hold_status", ["active", "released"]);

/**
 * One row per ledger account. `balance` is a cache of the sum of its entries, kept by
 * a trigger on ledger_entries (the only way it can change). System accounts are split
 * into `shard`s so that postings of different customers never wait on one hot row;
 * a system account's balance is the sum over its shards.
 */
export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    id: id(),
    kind: ledgerAccountKindEnum("kind").notNull(),
    accountId: uuid("account_id").references(() => accounts.id),
    /** Voucher id for `voucher`, provider name for `payment_clearing`; null otherwise. */
    ref: text("ref"),
    shard: smallint("shard").notNull().default(0),
    balance: money("balance").notNull().default(sql`0`),
    createdAt: createdAt(),
  },
  (t) => [
    unique("ledger_accounts_identity").on(t.kind, t.accountId, t.ref, t.shard).nullsNotDistinct(),
    index("ledger_accounts_account_idx").on(t.accountId),
    check(
      "ledger_accounts_owner",
      sql`(${t.kind} in ('cash', 'frozen', 'voucher')) = (${t.accountId} is not null) and (${t.accountId} is null or ${t.shard} = 0)`,
    ),
  ],
);

/**
 * One movement of money: two or more entries that sum to zero (enforced at commit by a
 * deferred constraint trigger). Append-only. `idempotency_key` makes a retried request
 * post once; `request_hash` tells a true retry from a different request reusing a key.
 */
export const ledgerTransactions = pgTable(
  "ledger_transactions",
  {
    id: id(),
    /** Allocated under the account locks, so per account it is the order postings happened in. */
    seq: bigserial("seq", { mode: "bigint" }).notNull(),
    accountId: uuid("account_id").references(() => accounts.id),
    type: text("type").notNull(),
    description: text("description").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    requestHash: text("request_hash").notNull(),
    createdByUserId: uuid("created_by_user_id"),
    actorKind: text("actor_kind").notNull(),
    holdId: uuid("hold_id"),
    orderNo: text("order_no"),
    resourceId: text("resource_id"),
    /** Set on postings the customer chose (holds, purchases): they are refused below zero. */
    guarded: boolean("guarded").notNull().default(false),
    /** Credit limit and available funds at posting time, so ledger:verify can re-check the refusal rule. */
    creditLimit: money("credit_limit"),
    availableAfter: money("available_after"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("ledger_transactions_idempotency_key").on(t.idempotencyKey),
    uniqueIndex("ledger_transactions_seq_key").on(t.seq),
    index("ledger_transactions_account_idx").on(t.accountId, t.seq),
    // Periods of one account: the transactions filter, invoices, what was charged since an invoice.
    index("ledger_transactions_account_created_idx").on(t.accountId, t.createdAt),
    index("ledger_transactions_hold_idx").on(t.holdId),
    check("ledger_transactions_guard", sql`not ${t.guarded} or (${t.availableAfter} is not null and ${t.creditLimit} is not null)`),
  ],
);

/** Append-only. `balance_after` is set by the trigger that updates the account's cached balance. */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    transactionId: ref("transaction_id", () => ledgerTransactions.id),
    ledgerAccountId: ref("ledger_account_id", () => ledgerAccounts.id),
    amount: money("amount").notNull(),
    // Always overwritten by the trigger; the default only lets inserts leave it out.
    balanceAfter: money("balance_after").notNull().default(sql`0`),
  },
  (t) => [
    index("ledger_entries_transaction_idx").on(t.transactionId),
    index("ledger_entries_account_idx").on(t.ledgerAccountId, t.id),
    check("ledger_entries_nonzero", sql`${t.amount} <> 0`),
  ],
);

/** Per customer account money settings; staff change them, audited. */
export const billingSettings = pgTable(
  "billing_settings",
  {
    accountId: accountKey({ onDelete: "cascade" }),
    /** How far `cash` may go below zero, in micro-dollars. */
    creditLimit: money("credit_limit").notNull().default(sql`0`),
    updatedAt: updatedAt(),
    updatedByUserId: uuid("updated_by_user_id"),
  },
  (t) => [check("billing_settings_credit_limit", sql`${t.creditLimit} >= 0`)],
);

/** Frozen funds: each active hold is money moved from cash to frozen for one resource. */
export const holds = pgTable(
  "holds",
  {
    id: uuid("id").primaryKey(),
    accountId: accountRef(),
    amount: money("amount").notNull(),
    status: holdStatusEnum("status").notNull().default("active"),
    /** What the hold is for; a free-text resource reference until resources exist. */
    resourceRef: text("resource_ref").notNull(),
    placedTransactionId: ref("placed_transaction_id", () => ledgerTransactions.id),
    releasedTransactionId: uuid("released_transaction_id").references(() => ledgerTransactions.id),
    createdAt: createdAt(),
    releasedAt: ts("released_at"),
  },
  (t) => [
    index("holds_account_idx").on(t.accountId, t.status),
    check("holds_amount_positive", sql`${t.amount} > 0`),
    check("holds_release_consistent", sql`(${t.status} = 'released') = (${t.releasedTransactionId} is not null)`),
  ],
);
