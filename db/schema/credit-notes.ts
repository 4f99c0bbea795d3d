import { sql } from "drizzle-orm";
import { bigint, check, index, jsonb, pgTable, smallint, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, money, ref, ts } from "./columns";
import { localeEnum, users } from "./identity";
import { invoices, type ProfileSnapshot } from "./invoices";
import { accountRef } from "./refs";

/**
 * The credit-note-number counter: one row, bumped in the issuing transaction, as invoices'
 * is (a rollback leaves no gap; the unique index on the number makes a duplicate impossible).
 */
export const creditNoteNumberCounter = pgTable(
  "credit_note_number_counter",
  {
    id: smallint("id").primaryKey().default(1),
    lastNumber: bigint("last_number", { mode: "bigint" }).notNull().default(sql`0`),
  },
  (t) => [check("credit_note_number_counter_single", sql`${t.id} = 1`)],
);

/** One line of a credit note: what it credits (an invoice line by position, or the amount as a whole) and how much (micro-dollars, as a string). */
export interface CreditNoteLineSnapshot {
  /** The invoice line credited, by its position on the invoice; null for an amount against the invoice as a whole. */
  invoiceLinePosition: number | null;
  itemEn: string;
  itemZh: string;
  amount: string;
}

/**
 * A credit note (贷项通知单): money credited back against an issued invoice, by a refund of
 * its charges, a staff adjustment, or a corrected line. Own number series (CN + 8 digits).
 * Immutable, as invoices are: a trigger refuses UPDATE and DELETE. The credit is posted
 * in the ledger (type credit_note) in the same transaction.
 */
export const creditNotes = pgTable(
  "credit_notes",
  {
    id: id(),
    number: text("number").notNull(),
    accountId: accountRef(),
    invoiceId: ref("invoice_id", () => invoices.id),
    /** refund | adjustment | correction */
    kind: text("kind").notNull(),
    reason: text("reason").notNull(),
    issuedAt: ts("issued_at").notNull(),
    /** The invoice's language: the credit note is issued in it. */
    locale: localeEnum("locale").notNull(),
    currency: text("currency").notNull().default("USD"),
    /** The invoice's team info snapshot (made out to the same customer as the invoice). */
    profile: jsonb("profile").$type<ProfileSnapshot>().notNull(),
    lines: jsonb("lines").$type<CreditNoteLineSnapshot[]>().notNull(),
    net: money("net").notNull(),
    /** The tax part credited (zero while invoices carry no tax). */
    tax: money("tax").notNull(),
    total: money("total").notNull(),
    /** The request that issued it: the same request again finds this note. */
    requestKey: text("request_key").notNull(),
    ledgerTransactionId: uuid("ledger_transaction_id").notNull(),
    /** Set for kind refund: the refund of the money that paid these charges. */
    refundId: uuid("refund_id"),
    issuedByUserId: uuid("issued_by_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("credit_notes_number").on(t.number),
    uniqueIndex("credit_notes_request_key").on(t.requestKey),
    index("credit_notes_invoice_idx").on(t.invoiceId),
    index("credit_notes_account_idx").on(t.accountId, t.issuedAt),
    check("credit_notes_kind", sql`${t.kind} in ('refund', 'adjustment', 'correction')`),
    check("credit_notes_totals", sql`${t.total} = ${t.net} + ${t.tax} and ${t.total} > 0 and ${t.tax} >= 0`),
  ],
);
