import { clockNow } from "@/lib/clock";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { orders, resources } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { type Actor, post } from "@/lib/ledger";
import { type ActivateResult, checkQuantity, checkTags, tagsPart, ensureBillingState, loadProduct, promotionRate, type Product, replayOf, type RequestTerms } from "./activate";
import { subscriptionPrice, TERMS, type TermMonths, termEnd } from "./cycle";
import { emitActivated } from "./events";
import { orderFormRateAt } from "./order-forms";
import { assertMayBuy } from "./purchase-gate";
import { requestFingerprint } from "./request-fingerprint";
import { addToSpend } from "./spend";
import type { Tags } from "./tags";
import { isUniqueViolation, withTx } from "@/db/tx";

export interface PurchaseSubscriptionInput {
  accountId: string;
  productId: string;
  quantity: number | bigint;
  termMonths: TermMonths;
  autoRenew: boolean;
  name?: string;
  promotionCode?: string;
  tags?: Tags;
  actor: Actor;
  idempotencyKey: string;
  now?: Date;
}

export function termDiscountBps(p: Product, months: TermMonths): number {
  return { 1: p.termDiscount1Bps, 3: p.termDiscount3Bps, 6: p.termDiscount6Bps, 12: p.termDiscount12Bps }[months];
}

/**
 * Buys a subscription, paid up front from cash: a guarded posting, so it is refused with
 * INSUFFICIENT_FUNDS (changing nothing) when available funds do not cover it. The term
 * discount and a promotion never stack; the larger applies.
 */
export async function purchaseSubscription(db: DbOrTx, input: PurchaseSubscriptionInput): Promise<ActivateResult> {
  const now = input.now ?? clockNow();
  const quantity = checkQuantity(input.quantity);
  if (!TERMS.includes(input.termMonths)) throw new AppError("VALIDATION", "A subscription runs for 1, 3, 6 or 12 months.");
  const requestKey = input.idempotencyKey.trim();
  if (!requestKey) throw new AppError("VALIDATION", "A purchase needs an idempotency key.");
  // The key is bound to these terms: the same key with others is IDEMPOTENCY_CONFLICT.
  const tags = checkTags(input.tags);
  const terms: RequestTerms = {
    hash: requestFingerprint("subscribe", [input.accountId, input.productId, quantity, input.termMonths, input.autoRenew, input.name?.trim() || null, input.promotionCode?.trim() || null, ...tagsPart(tags)]),
    productId: input.productId,
    quantity,
  };
  const prior = await replayOf(db, input.accountId, terms, requestKey);
  if (prior) return prior;
  await assertMayBuy(db, input.accountId);
  const product = await loadProduct(db, input.productId);
  if (product.billingMode !== "subscription") throw new AppError("VALIDATION", "This product is pay-as-you-go; activate it instead.");
  const [promoBps, formBps] = await Promise.all([promotionRate(db, input.promotionCode, product.id, now), orderFormRateAt(db, input.accountId, product.id, now)]);
  const priced = subscriptionPrice(product.unitPrice, quantity, input.termMonths, termDiscountBps(product, input.termMonths), promoBps, formBps);
  try {
    return await withTx(db, async (tx) => {
      await ensureBillingState(tx, input.accountId);
      const id = randomUUID();
      const [order] = await tx
        .insert(orders)
        .values({ accountId: input.accountId, type: "subscription", resourceId: null, productId: product.id, quantity, termMonths: input.termMonths, gross: priced.gross, discount: priced.discount, net: priced.net, requestKey, createdByUserId: input.actor.userId ?? null, actorKind: input.actor.kind, tags, createdAt: now })
        .returning();
      if (priced.net > 0n) await paySubscription(tx, { accountId: input.accountId, amount: priced.net, key: `subscribe:${input.accountId}:${requestKey}`, resourceId: id, orderNo: order!.orderNo, actor: input.actor });
      await addToSpend(tx, [{ accountId: input.accountId, productId: product.id, resourceId: id, tags, at: now, gross: priced.gross, discount: priced.discount, voucherPaid: 0n, cashPaid: priced.net }]);
      const [resource] = await tx
        .insert(resources)
        .values({
          id, accountId: input.accountId, productId: product.id, name: (input.name?.trim() || `${product.id}-${id.slice(0, 8)}`).slice(0, 120), quantity, status: "running",
          billingMode: "subscription", unitPrice: product.unitPrice, startedAt: now, billedUntil: now, orderNo: order!.orderNo, createdByUserId: input.actor.userId ?? null,
          termMonths: input.termMonths, expiresAt: termEnd(now, input.termMonths), autoRenew: input.autoRenew, tags, promotionCode: promoBps ? input.promotionCode!.trim() : null, requestKey, requestHash: terms.hash, createdAt: now, updatedAt: now,
        })
        .returning();
      const [linked] = await tx.update(orders).set({ resourceId: id }).where(eq(orders.id, order!.id)).returning();
      await emitActivated(tx, resource!, requestKey, now);
      return { resource: resource!, order: linked!, replayed: false };
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      const again = await replayOf(db, input.accountId, terms, requestKey);
      if (again) return again;
    }
    throw e;
  }
}

/** The up-front payment: cash to revenue, refused below zero available funds. */
export async function paySubscription(db: DbOrTx, p: { accountId: string; amount: bigint; key: string; resourceId: string; orderNo: string; actor: Actor }) {
  return post(db, {
    idempotencyKey: p.key,
    accountId: p.accountId,
    type: "subscription",
    description: `Subscription ${p.orderNo}`,
    entries: [
      { account: { kind: "cash" }, amount: -p.amount },
      { account: { kind: "revenue" }, amount: p.amount },
    ],
    refs: { resourceId: p.resourceId, orderNo: p.orderNo },
    guarded: true,
    intent: { op: "subscription", accountId: p.accountId, amount: p.amount, key: p.key },
    actor: p.actor,
    audit: { action: "billing.subscription", data: { amount: p.amount, orderNo: p.orderNo } },
  });
}
