import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { orders, resources } from "@/db/schema";
import { isUniqueViolation, withTx } from "@/db/tx";
import { audit } from "@/lib/audit";
import { clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/ledger";
import { divRoundHalfEven, type Micros } from "@/lib/money";
import { checkQuantity, loadProduct, type Order, type Product, type Resource } from "./activate";
import { subscriptionPrice, TERMS, type TermMonths, termEnd } from "./cycle";
import { assertMayBuy } from "./purchase-gate";
import { lockResource } from "./release";
import { addToSpend } from "./spend";
import { paySubscription, termDiscountBps } from "./subscribe";

/**
 * Changes to a running subscription (Zenlayer's rules):
 * - upgrade (a product of the same family with a higher monthly price, or more quantity): at
 *   once; charged now |new monthly − old monthly| × remaining months, remaining months =
 *   (expiry − now) / 30 days, rounded half-even to the micro-dollar in one division;
 * - downgrade (a lower monthly price): scheduled for the next term, cancellable until then,
 *   applied by the renewal (applyScheduledChange);
 * - a longer term: from the current term's end. The new term is paid now at its own term
 *   discount and the expiry moves to the current expiry + the new term; later renewals run
 *   for the new term.
 * previewChange and changeSubscription share planChange, so the preview is the charge.
 */

const THIRTY_DAYS_MS = 30n * 24n * 3_600_000n;

export type ChangeKind = "upgrade" | "downgrade" | "extension";

export interface ChangeRequest {
  productId?: string;
  quantity?: number | bigint;
  termMonths?: number;
}

export interface ChangePlan {
  kind: ChangeKind;
  resourceId: string;
  from: { productId: string; quantity: bigint; unitPrice: Micros; termMonths: TermMonths; expiresAt: Date };
  to: { productId: string; quantity: bigint; unitPrice: Micros; termMonths: TermMonths; expiresAt: Date };
  /** When it takes effect: now (upgrade), or the current term's end (downgrade, longer term). */
  effectiveAt: Date;
  /** The time left of the current term in milliseconds (upgrade only; 0 otherwise). */
  remainingMs: number;
  /** What is charged now from cash (0 for a downgrade). */
  gross: Micros;
  discount: Micros;
  net: Micros;
}

/** |Δ monthly| × (expiry − now) / 30 days, half-even to the micro-dollar. */
export function upgradeDifference(oldMonthly: Micros, newMonthly: Micros, expiresAt: Date, now: Date): Micros {
  const diff = newMonthly > oldMonthly ? newMonthly - oldMonthly : oldMonthly - newMonthly;
  const left = BigInt(Math.max(0, expiresAt.getTime() - now.getTime()));
  return divRoundHalfEven(diff * left, THIRTY_DAYS_MS);
}

function assertChangeable(row: Resource, now: Date) {
  if (row.status !== "running" || row.billingMode !== "subscription" || !row.expiresAt || row.expiresAt <= now) {
    throw new AppError("CONFLICT", "Only a running subscription can be changed.");
  }
}

/** The pure pricing of one change; VALIDATION when the request changes nothing or mixes a term with a product change. */
export function planChange(row: Resource, current: Product, target: Product, req: ChangeRequest, now: Date): ChangePlan {
  assertChangeable(row, now);
  const expiresAt = row.expiresAt!;
  const termMonths = row.termMonths as TermMonths;
  const quantity = req.quantity === undefined ? row.quantity : checkQuantity(req.quantity);
  const from = { productId: row.productId, quantity: row.quantity, unitPrice: row.unitPrice, termMonths, expiresAt };
  const newTerm = req.termMonths ?? termMonths;
  if (!TERMS.includes(newTerm as TermMonths)) throw new AppError("VALIDATION", "A subscription runs for 1, 3, 6 or 12 months.");
  const productChanged = target.id !== row.productId || quantity !== row.quantity;
  if (newTerm !== termMonths) {
    if (productChanged) throw new AppError("VALIDATION", "Change the product or quantity, or the term, one at a time.");
    if (newTerm < termMonths) throw new AppError("VALIDATION", "A term can only be made longer; choose a shorter one when auto-renew is off and buy again.");
    if (row.pendingProductId) throw new AppError("CONFLICT", "A downgrade is scheduled for the next term: cancel it before lengthening the term.");
    const months = newTerm as TermMonths;
    const priced = subscriptionPrice(row.unitPrice, row.quantity, months, termDiscountBps(current, months));
    return { kind: "extension", resourceId: row.id, from, to: { ...from, termMonths: months, expiresAt: termEnd(expiresAt, months) }, effectiveAt: expiresAt, remainingMs: 0, gross: priced.gross, discount: priced.discount, net: priced.net };
  }
  if (!productChanged) throw new AppError("VALIDATION", "Choose another product, quantity or term: this is what the subscription already has.");
  if (target.billingMode !== "subscription") throw new AppError("VALIDATION", "A subscription can only change to another subscription product.");
  if (target.id !== current.id && (!current.family || current.family !== target.family)) throw new AppError("VALIDATION", "A subscription can only change to a product of the same family.");
  const oldMonthly = row.unitPrice * row.quantity;
  const newMonthly = target.unitPrice * quantity;
  const to = { productId: target.id, quantity, unitPrice: target.unitPrice, termMonths, expiresAt };
  if (newMonthly < oldMonthly) return { kind: "downgrade", resourceId: row.id, from, to, effectiveAt: expiresAt, remainingMs: 0, gross: 0n, discount: 0n, net: 0n };
  const gross = upgradeDifference(oldMonthly, newMonthly, expiresAt, now);
  return { kind: "upgrade", resourceId: row.id, from, to, effectiveAt: now, remainingMs: expiresAt.getTime() - now.getTime(), gross, discount: 0n, net: gross };
}

async function loadPlan(db: DbOrTx, row: Resource, req: ChangeRequest, now: Date) {
  const current = await loadProduct(db, row.productId);
  const target = req.productId && req.productId !== row.productId ? await loadProduct(db, req.productId) : current;
  return planChange(row, current, target, req, now);
}

export interface ChangeInput extends ChangeRequest {
  accountId: string;
  resourceId: string;
  now?: Date;
}

/** The preview: what changeSubscription would do now, changing nothing. Another account's resource is not found. */
export async function previewChange(db: DbOrTx, input: ChangeInput): Promise<ChangePlan> {
  const now = input.now ?? clockNow();
  return withTx(db, async (tx) => {
    const { metered: _m, ...row } = await lockResource(tx, input.accountId, input.resourceId);
    return loadPlan(tx, row, input, now);
  });
}

export interface ChangeResult {
  kind: ChangeKind;
  /** When it takes effect; null for a replayed longer term (its old expiry is no longer stored). */
  effectiveAt: Date | null;
  order: Order;
  resource: Resource;
  replayed: boolean;
}

const ORDER_TYPE = { upgrade: "upgrade", downgrade: "downgrade", extension: "extension" } as const;

/** An earlier change under this key: the same one is replayed, another is IDEMPOTENCY_CONFLICT. */
async function replayChange(db: DbOrTx, input: ChangeInput, requestKey: string): Promise<ChangeResult | null> {
  const [order] = await db.select().from(orders).where(and(eq(orders.accountId, input.accountId), eq(orders.requestKey, requestKey)));
  if (!order) return null;
  const asked = (input.productId ?? order.productId) === order.productId && (input.quantity === undefined || BigInt(input.quantity) === order.quantity) && (input.termMonths === undefined || order.type !== "extension" || input.termMonths === order.termMonths);
  if (order.resourceId !== input.resourceId || !(order.type in ORDER_TYPE) || !asked) {
    throw new AppError("IDEMPOTENCY_CONFLICT", "This idempotency key was already used for a request with other terms; nothing was changed. Send a new key for a new request.");
  }
  const [resource] = await db.select().from(resources).where(eq(resources.id, input.resourceId));
  const kind = order.type as ChangeKind;
  const effectiveAt = kind === "upgrade" ? order.createdAt : kind === "downgrade" ? resource!.expiresAt : null;
  return { kind, effectiveAt, order, resource: resource!, replayed: true };
}

/**
 * Performs a change: an order for every one (its number in Orders, the CSV and the ledger
 * posting's refs), the upgrade and the longer term paid now as a guarded posting (refused
 * with INSUFFICIENT_FUNDS, nothing changed, when available funds do not cover it), both
 * refused to an overdue account. Retrying with the same key returns the first result.
 */
export async function changeSubscription(db: DbOrTx, input: ChangeInput & { actor: Actor; idempotencyKey: string; apiKeyId?: string }): Promise<ChangeResult> {
  const now = input.now ?? clockNow();
  const requestKey = input.idempotencyKey.trim();
  if (!requestKey) throw new AppError("VALIDATION", "A change needs an idempotency key.");
  const prior = await replayChange(db, input, requestKey);
  if (prior) return prior;
  try {
    return await withTx(db, async (tx) => {
      const { metered: _m, ...row } = await lockResource(tx, input.accountId, input.resourceId);
      // A parallel submit of the same key waited for the lock above: it finds the first one's order.
      const again = await replayChange(tx, input, requestKey);
      if (again) return again;
      const plan = await loadPlan(tx, row, input, now);
      if (plan.kind !== "downgrade") await assertMayBuy(tx, input.accountId);
      const [order] = await tx
        .insert(orders)
        .values({
          accountId: input.accountId, type: ORDER_TYPE[plan.kind], resourceId: row.id, productId: plan.to.productId, quantity: plan.to.quantity,
          termMonths: plan.kind === "extension" ? plan.to.termMonths : null, gross: plan.gross, discount: plan.discount, net: plan.net, requestKey,
          createdByUserId: input.actor.userId ?? null, actorKind: input.actor.kind, tags: row.tags, createdAt: now,
        })
        .returning();
      if (plan.net > 0n) await paySubscription(tx, { accountId: input.accountId, amount: plan.net, key: `change:${input.accountId}:${requestKey}`, resourceId: row.id, orderNo: order!.orderNo, actor: input.actor });
      // Its price is spend as a purchase is (SPEND_ORDER_TYPES), also at $0, as the rollups count orders.
      if (plan.kind !== "downgrade") await addToSpend(tx, [{ accountId: input.accountId, productId: plan.to.productId, resourceId: row.id, tags: row.tags, at: now, gross: plan.gross, discount: plan.discount, voucherPaid: 0n, cashPaid: plan.net }]);
      const set =
        plan.kind === "upgrade"
          ? { productId: plan.to.productId, quantity: plan.to.quantity, unitPrice: plan.to.unitPrice, pendingProductId: null, pendingQuantity: null, pendingOrderNo: null }
          : plan.kind === "downgrade"
            ? { pendingProductId: plan.to.productId, pendingQuantity: plan.to.quantity, pendingOrderNo: order!.orderNo }
            : { termMonths: plan.to.termMonths, expiresAt: plan.to.expiresAt };
      const [resource] = await tx.update(resources).set({ ...set, updatedAt: now }).where(eq(resources.id, row.id)).returning();
      await audit(tx, {
        actorUserId: input.actor.userId ?? null, actorKind: input.actor.kind, accountId: input.accountId, action: `subscription.${plan.kind}`, targetType: "resource", targetId: row.id,
        data: { orderNo: order!.orderNo, from: plan.from, to: plan.to, net: plan.net, effectiveAt: plan.effectiveAt, ...(input.apiKeyId ? { apiKeyId: input.apiKeyId } : {}) },
        ip: input.actor.ip ?? null,
      });
      return { kind: plan.kind, effectiveAt: plan.effectiveAt, order: order!, resource: resource!, replayed: false };
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      const again = await replayChange(db, input, requestKey);
      if (again) return again;
    }
    throw e;
  }
}

interface ResourceInput {
  accountId: string;
  resourceId: string;
  actor: Actor;
  apiKeyId?: string;
  now?: Date;
}

/** Cancels a scheduled downgrade; the subscription renews as it is. CONFLICT when none is scheduled. */
export async function cancelScheduledChange(db: DbOrTx, input: ResourceInput): Promise<Resource> {
  const now = input.now ?? clockNow();
  return withTx(db, async (tx) => {
    const { metered: _m, ...row } = await lockResource(tx, input.accountId, input.resourceId);
    if (!row.pendingProductId) throw new AppError("CONFLICT", "No downgrade is scheduled for this subscription.");
    const [resource] = await tx.update(resources).set({ pendingProductId: null, pendingQuantity: null, pendingOrderNo: null, updatedAt: now }).where(eq(resources.id, row.id)).returning();
    await audit(tx, {
      actorUserId: input.actor.userId ?? null, actorKind: input.actor.kind, accountId: input.accountId, action: "subscription.downgrade.cancel", targetType: "resource", targetId: row.id,
      data: { orderNo: row.pendingOrderNo, productId: row.pendingProductId, quantity: row.pendingQuantity, ...(input.apiKeyId ? { apiKeyId: input.apiKeyId } : {}) }, ip: input.actor.ip ?? null,
    });
    return resource!;
  });
}

/** Turns auto-renew on or off, at any time while the subscription runs; audited when it changes. */
export async function setAutoRenew(db: DbOrTx, input: ResourceInput & { autoRenew: boolean }): Promise<Resource> {
  const now = input.now ?? clockNow();
  return withTx(db, async (tx) => {
    const { metered: _m, ...row } = await lockResource(tx, input.accountId, input.resourceId);
    assertChangeable(row, now);
    if (row.autoRenew === input.autoRenew) return row;
    const [resource] = await tx.update(resources).set({ autoRenew: input.autoRenew, updatedAt: now }).where(eq(resources.id, row.id)).returning();
    await audit(tx, {
      actorUserId: input.actor.userId ?? null, actorKind: input.actor.kind, accountId: input.accountId, action: "subscription.auto_renew", targetType: "resource", targetId: row.id,
      data: { name: row.name, before: row.autoRenew, after: input.autoRenew, ...(input.apiKeyId ? { apiKeyId: input.apiKeyId } : {}) }, ip: input.actor.ip ?? null,
    });
    return resource!;
  });
}

/**
 * Called by the renewal before it prices the next term: a scheduled downgrade becomes the
 * resource's product, quantity and (current catalogue) price. Returns the row to renew.
 */
export async function applyScheduledChange<R extends Resource>(tx: DbOrTx, row: R, now: Date): Promise<R> {
  if (!row.pendingProductId || row.pendingQuantity === null) return row;
  const product = await loadProduct(tx, row.pendingProductId);
  const set = { productId: product.id, quantity: row.pendingQuantity, unitPrice: product.unitPrice, pendingProductId: null, pendingQuantity: null, pendingOrderNo: null, updatedAt: now };
  await tx.update(resources).set(set).where(eq(resources.id, row.id));
  await audit(tx, { actorKind: "system", accountId: row.accountId, action: "subscription.downgrade.applied", targetType: "resource", targetId: row.id, data: { orderNo: row.pendingOrderNo, productId: product.id, quantity: row.pendingQuantity } });
  return { ...row, ...set };
}
