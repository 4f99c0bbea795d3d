import { and, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import { accounts, billingSettings, ledgerAccounts } from "@/db/schema";

export interface Balances {
  /** balance + creditLimit: what the account can still commit to. May be negative (overdue). */
  available: bigint;
  /** The cash ledger balance (账户余额); negative when spending is covered by credit. */
  balance: bigint;
  creditLimit: bigint;
  /** Sum of active holds (冻结金), already out of the balance. */
  frozen: bigint;
}

const cash = alias(ledgerAccounts, "cash");
const frozen = alias(ledgerAccounts, "frozen");

/** The four figures of the overview, in one statement so they are from one snapshot. */
export async function getBalances(db: DbOrTx, { accountId }: { accountId: string }): Promise<Balances> {
  const [row] = await db
    .select({ balance: cash.balance, frozen: frozen.balance, creditLimit: billingSettings.creditLimit })
    .from(accounts)
    .leftJoin(cash, and(eq(cash.accountId, accounts.id), eq(cash.kind, "cash")))
    .leftJoin(frozen, and(eq(frozen.accountId, accounts.id), eq(frozen.kind, "frozen")))
    .leftJoin(billingSettings, eq(billingSettings.accountId, accounts.id))
    .where(eq(accounts.id, accountId));
  const balance = row?.balance ?? 0n;
  const creditLimit = row?.creditLimit ?? 0n;
  return { available: balance + creditLimit, balance, creditLimit, frozen: row?.frozen ?? 0n };
}
