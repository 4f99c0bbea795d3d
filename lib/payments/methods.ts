import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, paymentCustomers, paymentMethods } from "@/db/schema";
import { audit } from "@/lib/audit";
import { withTx } from "@/db/tx";
import { clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import type { SavedMethod } from "./provider";
import { stripeProvider } from "./registry";

export interface Who {
  userId: string | null;
  ip?: string | null;
}

export async function listMethods(db: DbOrTx, { accountId }: { accountId: string }) {
  return db
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.accountId, accountId), isNull(paymentMethods.removedAt)))
    .orderBy(asc(paymentMethods.createdAt));
}

/**
 * Stores a method the provider saved (token, brand, last four: never card data). The
 * account's first method becomes both default and primary, so it is used at once.
 * Saving the same provider token again returns the stored method.
 */
export async function saveProviderMethod(db: DbOrTx, input: { accountId: string; provider: "test" | "stripe"; method: SavedMethod; who?: Who }) {
  return withTx(db, async (tx) => {
    // One account's method changes run one at a time (the first-method rule reads, then writes).
    await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, input.accountId)).for("update");
    const existing = await listMethods(tx, { accountId: input.accountId });
    const same = existing.find((m) => m.provider === input.provider && m.providerToken === input.method.token);
    if (same) return same;
    const first = existing.length === 0;
    const [row] = await tx
      .insert(paymentMethods)
      .values({
        accountId: input.accountId,
        provider: input.provider,
        kind: input.method.kind,
        label: input.method.label,
        brand: input.method.brand,
        last4: input.method.last4,
        providerToken: input.method.token,
        isDefault: first,
        isPrimary: first,
      })
      .returning();
    await audit(tx, {
      actorKind: input.who ? "user" : "system",
      actorUserId: input.who?.userId ?? null,
      ip: input.who?.ip ?? null,
      accountId: input.accountId,
      action: "payment_method.add",
      targetType: "payment_method",
      targetId: row!.id,
      data: { provider: input.provider, kind: input.method.kind, label: input.method.label },
    });
    return row!;
  });
}

async function lockMethod(db: DbOrTx, accountId: string, methodId: string) {
  const [m] = await db
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.id, methodId), eq(paymentMethods.accountId, accountId), isNull(paymentMethods.removedAt)))
    .for("update");
  if (!m) throw new AppError("NOT_FOUND", "That payment method was not found.");
  return m;
}

/** Marks the one default (credit overrun) or primary (auto-recharge) method of the account. */
export async function markMethod(db: DbOrTx, input: { accountId: string; methodId: string; role: "default" | "primary"; who: Who }) {
  return withTx(db, async (tx) => {
    await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, input.accountId)).for("update");
    const m = await lockMethod(tx, input.accountId, input.methodId);
    const column = input.role === "default" ? paymentMethods.isDefault : paymentMethods.isPrimary;
    const field = input.role === "default" ? "isDefault" : "isPrimary";
    await tx
      .update(paymentMethods)
      .set({ [field]: false })
      .where(and(eq(paymentMethods.accountId, input.accountId), eq(column, true)));
    await tx.update(paymentMethods).set({ [field]: true }).where(eq(paymentMethods.id, m.id));
    await audit(tx, { actorKind: "user", actorUserId: input.who.userId, ip: input.who.ip ?? null, accountId: input.accountId, action: `payment_method.${input.role}`, targetType: "payment_method", targetId: m.id, data: { label: m.label } });
    return m;
  });
}

/**
 * Removes a method: it is kept (payments refer to it) but never charged again. If it was
 * the default or primary, the account has none until someone chooses another.
 */
export async function removeMethod(db: DbOrTx, input: { accountId: string; methodId: string; who: Who }) {
  const m = await withTx(db, async (tx) => {
    const m = await lockMethod(tx, input.accountId, input.methodId);
    await tx.update(paymentMethods).set({ removedAt: clockNow(), isDefault: false, isPrimary: false }).where(eq(paymentMethods.id, m.id));
    await audit(tx, { actorKind: "user", actorUserId: input.who.userId, ip: input.who.ip ?? null, accountId: input.accountId, action: "payment_method.remove", targetType: "payment_method", targetId: m.id, data: { label: m.label } });
    return m;
  });
  if (m.provider === "stripe") await stripeProvider()?.removeMethod(m.providerToken).catch((e) => console.error("detaching a Stripe payment method failed", e));
  return m;
}

/** The account's Stripe Customer, created once. */
export async function ensureStripeCustomer(db: DbOrTx, accountId: string): Promise<string> {
  const stripe = stripeProvider();
  if (!stripe) throw new AppError("CONFLICT", "Stripe is not configured.");
  const [row] = await db.select().from(paymentCustomers).where(and(eq(paymentCustomers.accountId, accountId), eq(paymentCustomers.provider, "stripe")));
  if (row) return row.customerRef;
  const [account] = await db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, accountId));
  // Stripe dedupes the creation by the key customer:<account>, so a race makes one customer.
  const ref = await stripe.createCustomer(accountId, account?.name ?? accountId);
  await db.insert(paymentCustomers).values({ accountId, provider: "stripe", customerRef: ref }).onConflictDoNothing();
  return ref;
}
