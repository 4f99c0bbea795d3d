"use server";
import { inArray } from "drizzle-orm";
import { z } from "zod";
import { products } from "@/db/schema";
import { accountAction } from "@/lib/actions/action";
import type { RedeemRefusal } from "@/lib/vouchers/redeem";
import { redeemVoucher } from "@/lib/vouchers/redeem";

const RedeemSchema = z.object({ code: z.string().trim().min(1).max(64) });

export type RedeemResult =
  | { status: "redeemed"; faceValue: string; validUntil: string; products: { en: string; zh: string }[] }
  | { status: "refused"; reason: RedeemRefusal; retryAfterSeconds?: number };

/** Redeems a code into the account. A refusal is an answer (with its reason), not an error. */
export const redeemVoucherAction = accountAction(
  { schema: RedeemSchema, permission: "vouchers.redeem", revalidate: ["/a/[accountId]/billing", "/a/[accountId]/billing/vouchers"] },
  async ({ db, input, user, ip }): Promise<RedeemResult> => {
    const outcome = await redeemVoucher(db, { accountId: input.accountId, code: input.code, userId: user.id, ip });
    if (outcome.status === "refused") return outcome;
    const names = outcome.productIds.length
      ? await db.select({ en: products.nameEn, zh: products.nameZh }).from(products).where(inArray(products.id, outcome.productIds))
      : [];
    return { status: "redeemed", faceValue: outcome.faceValue.toString(), validUntil: outcome.validUntil.toISOString(), products: names };
  },
);
