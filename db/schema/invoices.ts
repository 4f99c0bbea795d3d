import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, index, integer, jsonb, numeric, pgTable, smallint, text, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, keyRef, money, ref, ts, updatedAt } from "./columns";
import { localeEnum } from "./identity";
import { payments } from "./payments";
import { accountKey, accountRef, storedPdf } from "./refs";


/**
 * Team info (the billing profile): who the invoices and contracts are made out to. Admins
 * and finance edit it; each invoice keeps a snapshot taken when it was issued.
 */
export const billingProfiles = pgTable("billing_profiles", {
  accountId: accountKey({ onDelete: "cascade" }),
  companyName: text("company_name").notNull().default(""),
  address: text("address").notNull().default(""),
  country: text("country").notNull().default(""),
  taxId: text("tax_id").notNull().default(""),
  billingEmail: text("billing_email"),
  invoiceLocale: localeEnum("invoice_locale").notNull().default("en"),
  invoicesByEmail: boolean("invoices_by_email").notNull().default(true),
  updatedAt: updatedAt(),
  updatedByUserId: uuid("updated_by_user_id"),
});

/**
 * The invoice-number counter: one row, bumped in the issuing transaction just before it
 * commits. Unlike a Postgres sequence it rolls back with the transaction, so numbers have
 * no gaps; the unique index on invoices.number makes a duplicate impossible.
 */
export const invoiceNumberCounter = pgTable(
  "invoice_number_counter",
  {
    id: smallint("id").primaryKey().default(1),
    lastNumber: bigint("last_number", { mode: "bigint" }).notNull().default(sql`0`),
  },
  (t) => [check("invoice_number_counter_single", sql`${t.id} = 1`)],
);

export interface ProfileSnapshot {
  accountName: string;
  companyName: string;
  address: string;
  country: string;
  taxId: string;
  billingEmail: string | null;
}

/** The platform's legal entity as configured when the invoice was issued (lib/seller.ts). */
export interface SellerSnapshot {
  name: string;
  address: string;
  taxId: string;
  bank: string;
  email: string;
  /** A file under public/, or "" for none. */
  logo: string;
}

/** The tax rule an invoice was issued under (lib/tax/rules.ts), with its wording in both languages. */
export interface TaxRuleSnapshot {
  /** An ISO country code, or "EU". */
  country: string;
  vatId: boolean;
  rateBps: number;
  reverseCharge: boolean;
  name: { en: string; "zh-CN": string };
  note: { en: string; "zh-CN": string } | null;
}

/** A card or other payment received in the period, as listed on the invoice (amount in micro-dollars, as a string). */
export interface PaymentSnapshot {
  at: string;
  method: string;
  purpose: string;
  amount: string;
}

/**
 * One issued invoice per account and calendar month (platform time zone). Immutable: a
 * trigger refuses UPDATE and DELETE. What changes later (payments against it) lives in
 * invoice_settlements.
 */
export const invoices = pgTable(
  "invoices",
  {
    id: id(),
    number: text("number").notNull(),
    accountId: accountRef(),
    /** YYYY-MM in the platform time zone. */
    period: text("period").notNull(),
    periodStart: ts("period_start").notNull(),
    periodEnd: ts("period_end").notNull(),
    issuedAt: ts("issued_at").notNull(),
    dueAt: ts("due_at").notNull(),
    locale: localeEnum("locale").notNull(),
    currency: text("currency").notNull().default("USD"),
    profile: jsonb("profile").$type<ProfileSnapshot>().notNull(),
    /** Null on invoices issued before the seller was configured: they show the platform's name only. */
    seller: jsonb("seller").$type<SellerSnapshot>(),
    gross: money("gross").notNull(),
    discount: money("discount").notNull(),
    voucher: money("voucher").notNull(),
    /** Sum of the rounded line nets (rounding line excluded). */
    net: money("net").notNull(),
    rounding: money("rounding").notNull(),
    /** Basis points of (net + rounding); 0 without a rule or under a reverse charge. */
    taxRateBps: integer("tax_rate_bps").notNull().default(0),
    /** Tax on (net + rounding), rounded half-even once for the invoice, posted to tax_payable at issue. */
    tax: money("tax").notNull().default(sql`0`),
    taxRule: jsonb("tax_rule").$type<TaxRuleSnapshot>(),
    /** What the ledger charged to cash for the period: net + rounding (the month's charges) + tax (posted at issue). */
    total: money("total").notNull(),
    paidFromBalance: money("paid_from_balance").notNull(),
    /** The part of the total charged on credit (cash below zero at the period's end). */
    amountDue: money("amount_due").notNull(),
    payments: jsonb("payments").$type<PaymentSnapshot[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invoices_number").on(t.number),
    uniqueIndex("invoices_account_period").on(t.accountId, t.period),
    index("invoices_account_idx").on(t.accountId, t.periodStart),
    check("invoices_totals", sql`${t.total} = ${t.net} + ${t.rounding} + ${t.tax} and ${t.tax} >= 0 and ${t.amountDue} >= 0 and ${t.amountDue} + ${t.paidFromBalance} = ${t.total}`),
  ],
);

/** Lines of an invoice; immutable with it. Amounts are rounded to cents (half-even). */
export const invoiceLines = pgTable(
  "invoice_lines",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    invoiceId: ref("invoice_id", () => invoices.id),
    position: integer("position").notNull(),
    /** usage (pay-as-you-go charges) | subscription (a term paid) | other (any other charge to cash) | rounding */
    kind: text("kind").notNull(),
    resourceId: text("resource_id"),
    orderNo: text("order_no"),
    productId: text("product_id"),
    itemEn: text("item_en").notNull(),
    itemZh: text("item_zh").notNull(),
    region: text("region"),
    dataCenter: text("data_center"),
    billingMode: text("billing_mode"),
    /** When what the line charges began and ended, inside the invoice's period (an increment charged in it that began before it starts at the period's start). */
    startedAt: ts("started_at"),
    endedAt: ts("ended_at"),
    /** Minutes charged (pay-as-you-go) or months of the term (subscription). */
    durationMinutes: integer("duration_minutes"),
    termMonths: integer("term_months"),
    quantity: bigint("quantity", { mode: "bigint" }),
    unitLabel: text("unit_label"),
    /** The quantity in the product's unit (744 instance-hours, 1,234,567 GB-days, 3 instance-months), what the unit price multiplies; null without one. */
    units: numeric("units", { precision: 24, scale: 4 }),
    unitPrice: money("unit_price"),
    gross: money("gross").notNull(),
    discount: money("discount").notNull(),
    voucher: money("voucher").notNull(),
    net: money("net").notNull(),
  },
  (t) => [unique("invoice_lines_position").on(t.invoiceId, t.position)],
);

/** The PDF of an invoice, rendered once and served as stored; immutable. */
export const invoiceDocuments = pgTable("invoice_documents", {
  invoiceId: keyRef("invoice_id", () => invoices.id),
  ...storedPdf(),
});

/** Payments made against an invoice (pay an unpaid invoice); the invoice itself never changes. */
export const invoiceSettlements = pgTable(
  "invoice_settlements",
  {
    id: id(),
    invoiceId: ref("invoice_id", () => invoices.id),
    paymentId: ref("payment_id", () => payments.id),
    amount: money("amount").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("invoice_settlements_payment").on(t.paymentId), index("invoice_settlements_invoice_idx").on(t.invoiceId), check("invoice_settlements_amount", sql`${t.amount} > 0`)],
);
