import { z } from "zod";
import type { Order, Resource } from "@/lib/billing/activate";
import type { ChangePlan, ChangeResult } from "@/lib/billing/subscription-change";
import { wholeNumber } from "@/lib/validation/integer";
import { money } from "./handler";
import { resourceJson } from "./serialize";

/** POST /resources/{id}/change and …/change/preview: what to change to; left out, it stays as it is. */
export const SubscriptionChangeSchema = z
  .object({
    productId: z.string().min(1).max(100).optional().meta({ description: "A subscription product of the same family; left out, the current one" }),
    quantity: wholeNumber({ min: 1, max: 1000, json: true, message: "A whole number from 1 to 1000." }).meta({ type: "integer", minimum: 1, maximum: 1000 }).optional(),
    termMonths: z.union([z.literal(1), z.literal(3), z.literal(6), z.literal(12)]).optional().meta({ description: "A longer term than the current one (from the current term's end); not together with a product or quantity change" }),
  })
  .strict();

/** PUT /resources/{id}/auto-renew. */
export const AutoRenewSchema = z.object({ autoRenew: z.boolean() }).strict();

export function previewJson(p: ChangePlan) {
  return {
    kind: p.kind,
    effectiveAt: p.effectiveAt.toISOString(),
    gross: money(p.gross),
    discount: money(p.discount),
    net: money(p.net),
    productId: p.to.productId,
    quantity: p.to.quantity.toString(),
    unitPrice: money(p.to.unitPrice),
    termMonths: p.to.termMonths,
    expiresAt: p.to.expiresAt.toISOString(),
  };
}

export function orderJson(o: Order) {
  return {
    orderNo: o.orderNo,
    type: o.type,
    productId: o.productId,
    quantity: o.quantity.toString(),
    termMonths: o.termMonths,
    gross: money(o.gross),
    discount: money(o.discount),
    net: money(o.net),
    createdAt: o.createdAt.toISOString(),
  };
}

export const changeJson = (r: ChangeResult) => ({ kind: r.kind, effectiveAt: r.effectiveAt?.toISOString() ?? null, order: orderJson(r.order), resource: resourceJson(r.resource as Resource) });
