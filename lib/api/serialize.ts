import type { resources } from "@/db/schema";
import { normalizeTags } from "@/lib/billing/tags";
import { money } from "./handler";

type Resource = typeof resources.$inferSelect;

export function resourceJson(r: Resource) {
  return {
    id: r.id,
    externalId: r.externalId,
    name: r.name,
    productId: r.productId,
    quantity: r.quantity.toString(),
    status: r.status,
    billingMode: r.billingMode,
    unitPrice: money(r.unitPrice),
    orderNo: r.orderNo,
    startedAt: r.startedAt.toISOString(),
    releasedAt: r.releasedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    tags: normalizeTags(r.tags),
    subscription:
      r.billingMode === "subscription"
        ? {
            termMonths: r.termMonths,
            autoRenew: r.autoRenew,
            scheduledChange: r.pendingProductId ? { productId: r.pendingProductId, quantity: (r.pendingQuantity ?? r.quantity).toString(), orderNo: r.pendingOrderNo, effectiveAt: r.expiresAt?.toISOString() ?? null } : null,
          }
        : null,
  };
}
