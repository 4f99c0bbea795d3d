import { sql } from "drizzle-orm";
import { bigserial, boolean, check, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, keyRef, ref, ts, updatedAt } from "./columns";
import { localeEnum } from "./identity";
import type { ProfileSnapshot } from "./invoices";
import { accountRef, storedPdf } from "./refs";


export const contractKindEnum = pgEnum("contract_kind", ["service_agreement", "order_form", "credit_agreement"]);

/**
 * draft/returned (editable by the customer) → submitted → countersigned (staff) or returned
 * → signed (customer) → active → expired | terminated; a draft may be withdrawn. The allowed
 * pairs are enforced by the contracts_transition trigger (migration), not only by the app.
 */
export const contractStatusEnum = pgEnum("contract_status", ["draft", "submitted", "returned", "countersigned", "signed", "active", "expired", "terminated", "withdrawn"]);

/** A product line of an order form, as the template shows it (names snapshotted from the catalogue). */
export interface ContractItem {
  productId: string;
  nameEn: string;
  nameZh: string;
  unitLabel: string;
  quantity: number;
}

/** What the customer filled into the template. Money in micro-dollars as decimal strings (JSON has no bigint). */
export interface ContractTerms {
  startsOn: string;
  endsOn: string;
  scope?: string;
  items?: ContractItem[];
  committedMonthlySpend?: string;
  discountBps?: number;
  creditLimit?: string;
  paymentTermsDays?: number;
  notes?: string;
}

export const contracts = pgTable(
  "contracts",
  {
    id: id(),
    seq: bigserial("seq", { mode: "bigint" }).notNull(),
    number: text("number")
      .notNull()
      .generatedAlwaysAs(sql`'CT' || lpad(seq::text, 6, '0')`),
    accountId: accountRef(),
    kind: contractKindEnum("kind").notNull(),
    /** The version of the template the text comes from; a later template version never changes this contract. */
    templateVersion: integer("template_version").notNull(),
    /** The language of the document. */
    locale: localeEnum("locale").notNull(),
    status: contractStatusEnum("status").notNull().default("draft"),
    terms: jsonb("terms").$type<ContractTerms>().notNull(),
    /** The customer party from team info: refreshed on every edit, frozen at submission. */
    party: jsonb("party").$type<ProfileSnapshot>().notNull(),
    createdByUserId: uuid("created_by_user_id").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    submittedAt: ts("submitted_at"),
    returnComment: text("return_comment"),
    countersignedAt: ts("countersigned_at"),
    countersignedByUserId: uuid("countersigned_by_user_id"),
    countersignerName: text("countersigner_name"),
    countersignerTitle: text("countersigner_title"),
    signedAt: ts("signed_at"),
    signedByUserId: uuid("signed_by_user_id"),
    signerName: text("signer_name"),
    signerTitle: text("signer_title"),
    signerIp: text("signer_ip"),
    signerConsent: boolean("signer_consent").notNull().default(false),
    activatedAt: ts("activated_at"),
    /** The credit limit in force before an active credit agreement set its own (restored when it ends). */
    previousCreditLimit: text("previous_credit_limit"),
    endedAt: ts("ended_at"),
    endReason: text("end_reason"),
  },
  (t) => [
    uniqueIndex("contracts_seq").on(t.seq),
    uniqueIndex("contracts_number").on(t.number),
    index("contracts_account_idx").on(t.accountId, t.createdAt),
    index("contracts_status_idx").on(t.status),
    check("contracts_countersigned", sql`${t.status} in ('draft','submitted','returned','withdrawn') or (${t.countersignedAt} is not null and ${t.countersignerName} is not null)`),
    check(
      "contracts_signed",
      sql`${t.status} not in ('signed','active','expired','terminated') or (${t.signedAt} is not null and ${t.signedByUserId} is not null and ${t.signerName} is not null and ${t.signerTitle} is not null and ${t.signerConsent})`,
    ),
  ],
);

/** The timeline: one row per transition (and per edit of a draft); append-only. */
export const contractEvents = pgTable(
  "contract_events",
  {
    id: id(),
    contractId: ref("contract_id", () => contracts.id),
    at: ts("at").notNull().defaultNow(),
    action: text("action").notNull(),
    fromStatus: contractStatusEnum("from_status"),
    toStatus: contractStatusEnum("to_status").notNull(),
    actorUserId: uuid("actor_user_id"),
    actorKind: text("actor_kind").notNull(),
    actorName: text("actor_name"),
    comment: text("comment"),
    ip: text("ip"),
  },
  (t) => [index("contract_events_contract_idx").on(t.contractId, t.at)],
);

/** The fully signed PDF: rendered once when the customer signs, served as stored; immutable. */
export const contractDocuments = pgTable("contract_documents", {
  contractId: keyRef("contract_id", () => contracts.id),
  ...storedPdf(),
});
