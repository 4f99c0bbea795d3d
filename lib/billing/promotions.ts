import type { promotions } from "@/db/schema";

type PromotionTerms = Pick<typeof promotions.$inferSelect, "active" | "validFrom" | "validUntil" | "productIds">;

/** A promotion is valid while it is active and `at` lies in [valid_from, valid_until). */
export function promotionValidAt(p: PromotionTerms, at: Date): boolean {
  return p.active && p.validFrom <= at && at < p.validUntil;
}

/** A promotion with no products listed covers every product. */
export function promotionCovers(p: PromotionTerms, productId: string): boolean {
  return p.productIds.length === 0 || p.productIds.includes(productId);
}

/** The one promotion rule: activation checks it for the new resource, every charge again for its increment. */
export function promotionApplies(p: PromotionTerms, productId: string, at: Date): boolean {
  return promotionValidAt(p, at) && promotionCovers(p, productId);
}
