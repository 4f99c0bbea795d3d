import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { ledgerAccounts, vouchers } from "@/db/schema";
import { pgArray } from "@/db/sql-arrays";

export interface VoucherBalance {
  id: string;
  accountId: string;
  productIds: string[];
  validFrom: Date;
  validUntil: Date;
  /** What is left on the voucher's ledger account. */
  balance: bigint;
}

/**
 * The active vouchers of these accounts with value left, with
 * their ledger balances, earliest expiry first (the order they pay in). The caller holds
 * the accounts' billing-state locks, which the voucher expiry job takes too, so the
 * balances cannot move under it.
 */
export async function loadVouchers(db: DbOrTx, accountIds: string[]): Promise<Map<string, VoucherBalance[]>> {
  const out = new Map<string, VoucherBalance[]>();
  if (accountIds.length === 0) return out;
  const rows = await db
    .select({
      id: vouchers.id,
      accountId: vouchers.accountId,
      productIds: vouchers.productIds,
      validFrom: vouchers.validFrom,
      validUntil: vouchers.validUntil,
      balance: ledgerAccounts.balance,
    })
    .from(vouchers)
    .innerJoin(ledgerAccounts, and(eq(ledgerAccounts.kind, "voucher"), eq(ledgerAccounts.accountId, vouchers.accountId), eq(ledgerAccounts.ref, sql`${vouchers.id}::text`)))
    .where(and(sql`${vouchers.accountId} = any(${pgArray(accountIds, "uuid")})`, eq(vouchers.status, "active"), gt(ledgerAccounts.balance, 0n)))
    .orderBy(asc(vouchers.validUntil), asc(vouchers.id));
  for (const r of rows) {
    const list = out.get(r.accountId!) ?? [];
    list.push({ ...r, accountId: r.accountId! });
    out.set(r.accountId!, list);
  }
  return out;
}
