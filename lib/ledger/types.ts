import type { Micros } from "@/lib/money";

/** Who caused a posting; written to the transaction and to the audit log. */
export interface Actor {
  kind: "user" | "staff" | "system" | "api_key";
  userId?: string | null;
  ip?: string | null;
}

export const CUSTOMER_ACCOUNT_KINDS = ["cash", "frozen", "voucher"] as const;
/** tax_payable: tax charged on invoices at issue, owed to the tax authority. */
export const SYSTEM_ACCOUNT_KINDS = ["revenue", "payment_clearing", "promotions", "voucher_issuance", "adjustments", "tax_payable"] as const;
export type CustomerAccountKind = (typeof CUSTOMER_ACCOUNT_KINDS)[number];
export type SystemAccountKind = (typeof SYSTEM_ACCOUNT_KINDS)[number];
export type LedgerAccountKind = CustomerAccountKind | SystemAccountKind;

/**
 * A ledger account named by what it is, not by its row id. Customer kinds belong to the
 * posting's customer account; `ref` is the voucher id or the payment provider.
 */
export interface AccountRef {
  kind: LedgerAccountKind;
  ref?: string | null;
}

/** Every transaction type posted (the ledger's own, then billing's, vouchers' and refunds'): the transactions list filters by them. */
export const LEDGER_TX_TYPES = ["top_up", "hold", "unfreeze", "offset_payables", "usage", "adjustment", "subscription", "voucher_issue", "voucher_usage", "voucher_expiry", "refund", "refund_reversal", "tax", "commitment", "credit_note"] as const;
export type KnownLedgerTxType = (typeof LEDGER_TX_TYPES)[number];
export type LedgerTxType = KnownLedgerTxType | (string & {});

export interface EntryInput {
  account: AccountRef;
  amount: Micros;
}

export interface PostingRefs {
  holdId?: string | null;
  orderNo?: string | null;
  resourceId?: string | null;
}

export interface PostedEntry {
  ledgerAccountId: string;
  kind: LedgerAccountKind;
  ref: string | null;
  amount: Micros;
  balanceAfter: Micros;
}

export interface PostResult {
  transactionId: string;
  seq: bigint;
  idempotencyKey: string;
  accountId: string | null;
  type: LedgerTxType;
  description: string;
  holdId: string | null;
  orderNo: string | null;
  resourceId: string | null;
  availableAfter: Micros | null;
  createdAt: Date;
  entries: PostedEntry[];
  /** True when this call found the key already posted and returned that first result. */
  replayed: boolean;
}
