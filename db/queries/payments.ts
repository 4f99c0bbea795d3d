import { and, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, paymentMethods, payments, users } from "@/db/schema";

const columns = {
  id: payments.id,
  accountId: payments.accountId,
  provider: payments.provider,
  amount: payments.amount,
  receivedAmount: payments.receivedAmount,
  refundedAmount: payments.refundedAmount,
  purpose: payments.purpose,
  status: payments.status,
  error: payments.error,
  createdAt: payments.createdAt,
  settledAt: payments.settledAt,
  methodLabel: paymentMethods.label,
  methodKind: paymentMethods.kind,
  payerEmail: users.email,
};

/** One payment of the account; another account's is "not found" (undefined). */
export async function getAccountPayment(db: DbOrTx, { accountId, paymentId }: { accountId: string; paymentId: string }) {
  const [row] = await db
    .select(columns)
    .from(payments)
    .leftJoin(paymentMethods, eq(paymentMethods.id, payments.methodId))
    .leftJoin(users, eq(users.id, payments.userId))
    .where(and(eq(payments.accountId, accountId), eq(payments.id, paymentId)));
  return row;
}

/** The account's top-ups and auto-recharges, newest first. */
export async function listAccountTopUps(db: DbOrTx, { accountId, limit = 10 }: { accountId: string; limit?: number }) {
  return db
    .select(columns)
    .from(payments)
    .leftJoin(paymentMethods, eq(paymentMethods.id, payments.methodId))
    .leftJoin(users, eq(users.id, payments.userId))
    .where(and(eq(payments.accountId, accountId), inArray(payments.purpose, ["top_up", "auto_recharge"])))
    .orderBy(desc(payments.createdAt))
    .limit(limit);
}

/** Staff: bank transfers announced and not yet confirmed, oldest first. */
export async function listPendingWires(db: DbOrTx) {
  return db
    .select({ ...columns, accountName: accounts.name })
    .from(payments)
    .innerJoin(accounts, eq(accounts.id, payments.accountId))
    .leftJoin(paymentMethods, eq(paymentMethods.id, payments.methodId))
    .leftJoin(users, eq(users.id, payments.userId))
    .where(and(eq(payments.provider, "bank_transfer"), eq(payments.status, "pending")))
    .orderBy(payments.createdAt)
    .limit(100);
}

/** Staff: recent successful top-ups of every account, for refunds. */
export async function listRecentTopUps(db: DbOrTx, { limit = 50 }: { limit?: number } = {}) {
  return db
    .select({ ...columns, accountName: accounts.name })
    .from(payments)
    .innerJoin(accounts, eq(accounts.id, payments.accountId))
    .leftJoin(paymentMethods, eq(paymentMethods.id, payments.methodId))
    .leftJoin(users, eq(users.id, payments.userId))
    .where(and(inArray(payments.purpose, ["top_up", "auto_recharge"]), eq(payments.status, "succeeded")))
    .orderBy(desc(payments.settledAt))
    .limit(limit);
}

/** The account's saved methods that can be charged on the spot (cards, not bank transfers), oldest first as saved. */
export async function listChargeableMethods(db: DbOrTx, { accountId }: { accountId: string }) {
  return db
    .select({ id: paymentMethods.id, label: paymentMethods.label, provider: paymentMethods.provider })
    .from(paymentMethods)
    .where(and(eq(paymentMethods.accountId, accountId), isNull(paymentMethods.removedAt), ne(paymentMethods.kind, "bank_transfer")));
}
