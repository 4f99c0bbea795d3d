import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accountDiscounts, accounts, products } from "@/db/schema";
import { audit } from "@/lib/audit";
import { clockNow } from "@/lib/clock";
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/ledger";
import { requireStaffReason } from "@/lib/staff/reason";
import { withTx } from "@/db/tx";

export interface SetAccountDiscountInput {
  accountId: string;
  /** One product, or null for the account-wide rate (a product's own rate takes precedence). */
  productId: string | null;
  /** 0 … 10000 basis points; 0 removes the rate. */
  rateBps: number;
  reason: string;
  actor: Actor;
}

export interface DiscountChange {
  productId: string | null;
  before: number;
  after: number;
}

/**
 * Sets a customer account's negotiated discount rate for one product or for all, as
 * platform staff agreed it. The billing run applies it to every increment charged from
 * then on (charges already made keep their rate). The change and its reason are audited
 * with the rate before and after, in the same transaction as the change.
 */
export async function setAccountDiscount(db: DbOrTx, input: SetAccountDiscountInput): Promise<DiscountChange> {
  const reason = requireStaffReason(input.reason);
  if (!Number.isInteger(input.rateBps) || input.rateBps < 0 || input.rateBps > 10_000) {
    throw new AppError("VALIDATION", "The rate must be between 0% and 100%.", { rate: ["The rate must be between 0% and 100%."] });
  }
  return withTx(db, async (tx) => {
    const [account] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, input.accountId));
    if (!account) throw notFound("Account not found.");
    if (input.productId !== null) {
      const [p] = await tx.select({ id: products.id }).from(products).where(eq(products.id, input.productId));
      if (!p) throw new AppError("VALIDATION", "Unknown product.", { productId: ["Unknown product."] });
    }
    const scope = and(eq(accountDiscounts.accountId, input.accountId), input.productId === null ? isNull(accountDiscounts.productId) : eq(accountDiscounts.productId, input.productId));
    // The row lock (or, for a first rate, the unique scope) serialises two staff members changing the same rate.
    const [prior] = await tx.select().from(accountDiscounts).where(scope).for("update");
    const before = prior?.rateBps ?? 0;
    const now = clockNow();
    if (input.rateBps === 0) {
      if (prior) await tx.delete(accountDiscounts).where(eq(accountDiscounts.id, prior.id));
    } else {
      await tx
        .insert(accountDiscounts)
        .values({ accountId: input.accountId, productId: input.productId, rateBps: input.rateBps, reason, setByUserId: input.actor.userId ?? null, updatedAt: now })
        .onConflictDoUpdate({
          target: [accountDiscounts.accountId, accountDiscounts.productId],
          set: { rateBps: sql`excluded.rate_bps`, reason: sql`excluded.reason`, setByUserId: sql`excluded.set_by_user_id`, updatedAt: sql`excluded.updated_at` },
        });
    }
    await audit(tx, {
      actorUserId: input.actor.userId ?? null,
      actorKind: input.actor.kind,
      accountId: input.accountId,
      action: "billing.discount.set",
      targetType: "account_discount",
      targetId: input.productId ?? "*",
      reason,
      data: { productId: input.productId, beforeBps: before, afterBps: input.rateBps },
      ip: input.actor.ip ?? null,
    });
    return { productId: input.productId, before, after: input.rateBps };
  });
}

/** An account's discount rates, the account-wide one first. */
export async function listAccountDiscounts(db: DbOrTx, accountId: string) {
  return db
    .select({ productId: accountDiscounts.productId, rateBps: accountDiscounts.rateBps, reason: accountDiscounts.reason, updatedAt: accountDiscounts.updatedAt })
    .from(accountDiscounts)
    .where(eq(accountDiscounts.accountId, accountId))
    .orderBy(sql`${accountDiscounts.productId} is not null`, asc(accountDiscounts.productId));
}
