import { clockNow } from "@/lib/clock";
import { randomUUID } from "node:crypto";
import { and, eq, or } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { accountBillingState, orders, products, promotions, resources } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { type Actor, placeHold } from "@/lib/ledger";
import { oneIncrementPrice } from "./cycle";
import { promotionCovers, promotionValidAt } from "./promotions";
import { emitActivated } from "./events";
import { assertMayBuy } from "./purchase-gate";
import { requestFingerprint } from "./request-fingerprint";
import { normalizeTags, type Tags, TagsSchema } from "./tags";
import { isUniqueViolation, withTx } from "@/db/tx";

export type Resource = typeof resources.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type Product = typeof products.$inferSelect;

export interface ActivateInput {
  accountId: string;
  productId: string;
  quantity: number | bigint;
  name?: string;
  promotionCode?: string;
  externalId?: string;
  /** Cost allocation tags (lib/billing/tags.ts), validated by the caller's schema and checked again here. */
  tags?: Tags;
  actor: Actor;
  /** One per activation request: a double submit or a retried API call activates once. */
  idempotencyKey: string;
  now?: Date;
}

export interface ActivateResult {
  resource: Resource;
  order: Order;
  replayed: boolean;
}

export function checkQuantity(q: number | bigint): bigint {
  if (typeof q === "number" && !Number.isSafeInteger(q)) throw new AppError("VALIDATION", "The quantity must be a whole number.");
  const n = BigInt(q);
  if (n < 1n || n > 100_000n) throw new AppError("VALIDATION", "The quantity must be between 1 and 100,000.");
  return n;
}

export async function loadProduct(db: DbOrTx, productId: string): Promise<Product> {
  const [p] = await db.select().from(products).where(eq(products.id, productId));
  if (!p || !p.active) throw notFound("Product not found.");
  return p;
}

/** The promotion's rate for this product now, or a VALIDATION error naming why it does not apply. */
export async function promotionRate(db: DbOrTx, code: string | undefined, productId: string, now: Date): Promise<number> {
  if (!code) return 0;
  const [p] = await db.select().from(promotions).where(eq(promotions.code, code.trim()));
  if (!p || !promotionValidAt(p, now)) throw new AppError("VALIDATION", "This promotion code is not valid.");
  if (!promotionCovers(p, productId)) throw new AppError("VALIDATION", "This promotion code does not apply to this product.");
  return p.discountBps;
}

/** The terms a request key (or externalId) is bound to: a different one is another request. */
export interface RequestTerms {
  hash: string;
  productId: string;
  quantity: bigint;
}

export function conflictingRequest(): AppError {
  return new AppError("IDEMPOTENCY_CONFLICT", "This idempotency key (or externalId) was already used for a request with other terms; nothing was changed. Send a new key for a new request.");
}

/**
 * The resource an earlier request with this key or externalId made, if it asked for the
 * same thing; IDEMPOTENCY_CONFLICT when it asked for something else. A resource from before
 * fingerprints were stored is compared on what it records: product and quantity.
 */
export async function replayOf(db: DbOrTx, accountId: string, terms: RequestTerms, requestKey: string, externalId?: string): Promise<ActivateResult | null> {
  const key = eq(resources.requestKey, requestKey);
  const rows = await db.select().from(resources).where(and(eq(resources.accountId, accountId), externalId ? or(key, eq(resources.externalId, externalId)) : key));
  if (!rows.length) return null;
  const same = (r: Resource) => (r.requestHash === null ? r.productId === terms.productId && r.quantity === terms.quantity : r.requestHash === terms.hash);
  if (!rows.every(same)) throw conflictingRequest();
  const resource = rows[0]!;
  const [order] = await db.select().from(orders).where(and(eq(orders.accountId, accountId), eq(orders.requestKey, resource.requestKey)));
  return { resource, order: order!, replayed: true };
}

/** Creates the account's billing-state row, which the billing run claims the account by. */
export async function ensureBillingState(db: DbOrTx, accountId: string): Promise<void> {
  await db.insert(accountBillingState).values({ accountId }).onConflictDoNothing();
}

/**
 * Activates a pay-as-you-go resource: holds one increment's price (refused with
 * INSUFFICIENT_FUNDS, changing nothing, when available funds cannot cover it), then
 * creates the resource and its order, all in one transaction.
 */
/** Tags checked against the rules, in key order; a bad set is VALIDATION, changing nothing. */
export function checkTags(given: Tags | undefined): Tags {
  const parsed = TagsSchema.safeParse(given ?? {});
  if (!parsed.success) throw new AppError("VALIDATION", parsed.error.issues[0]!.message);
  return normalizeTags(parsed.data);
}

/** Tags in a request fingerprint: nothing when there are none, so keys stored before tags existed still replay. */
export function tagsPart(tags: Tags): string[] {
  return Object.keys(tags).length ? [JSON.stringify(tags)] : [];
}

export async function activateResource(db: DbOrTx, input: ActivateInput): Promise<ActivateResult> {
  const now = input.now ?? clockNow();
  const quantity = checkQuantity(input.quantity);
  const requestKey = input.idempotencyKey.trim();
  if (!requestKey) throw new AppError("VALIDATION", "An activation needs an idempotency key.");
  const externalId = input.externalId?.trim() || undefined;
  const givenName = input.name?.trim() || null;
  const promotionCode = input.promotionCode?.trim() || null;
  const tags = checkTags(input.tags);
  const terms: RequestTerms = {
    hash: requestFingerprint("activate", [input.accountId, input.productId, quantity, givenName, externalId ?? null, promotionCode, ...tagsPart(tags)]),
    productId: input.productId,
    quantity,
  };
  const prior = await replayOf(db, input.accountId, terms, requestKey, externalId);
  if (prior) return prior;
  await assertMayBuy(db, input.accountId);
  const product = await loadProduct(db, input.productId);
  if (product.billingMode === "subscription") throw new AppError("VALIDATION", "This product is sold by subscription; buy a term instead.");
  const promoBps = await promotionRate(db, input.promotionCode, product.id, now);
  const name = (givenName || `${product.id}-${randomUUID().slice(0, 8)}`).slice(0, 120);
  const hold = oneIncrementPrice(product.unitPrice, product.metered ? 1n : quantity);

  try {
    return await withTx(db, async (tx: Tx) => {
      await ensureBillingState(tx, input.accountId);
      const id = randomUUID();
      const [order] = await tx
        .insert(orders)
        .values({ accountId: input.accountId, type: "activation", resourceId: null, productId: product.id, quantity, gross: hold, discount: 0n, net: hold, requestKey, createdByUserId: input.actor.userId ?? null, actorKind: input.actor.kind, tags, createdAt: now })
        .returning();
      const { holdId } = await placeHold(tx, { accountId: input.accountId, amount: hold, resourceRef: id, label: name, idempotencyKey: `activate:${input.accountId}:${requestKey}`, actor: input.actor });
      const [resource] = await tx
        .insert(resources)
        .values({
          id, accountId: input.accountId, productId: product.id, name, quantity, status: "running", billingMode: product.billingMode, unitPrice: product.unitPrice,
          startedAt: now, billedUntil: now, holdId, orderNo: order!.orderNo, createdByUserId: input.actor.userId ?? null,
          promotionCode: promoBps ? input.promotionCode!.trim() : null, externalId: externalId ?? null, requestKey, requestHash: terms.hash, tags, createdAt: now, updatedAt: now,
        })
        .returning();
      const [linked] = await tx.update(orders).set({ resourceId: id }).where(eq(orders.id, order!.id)).returning();
      await emitActivated(tx, resource!, requestKey, now);
      return { resource: resource!, order: linked!, replayed: false };
    });
  } catch (e) {
    // Another request with this key or externalId committed first: the same request gets
    // its resource, one with other terms IDEMPOTENCY_CONFLICT.
    if (isUniqueViolation(e)) {
      const again = await replayOf(db, input.accountId, terms, requestKey, externalId);
      if (again) return again;
    }
    throw e;
  }
}
