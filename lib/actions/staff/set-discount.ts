"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { setAccountDiscount } from "@/lib/billing/discounts";
import { StaffReason } from "@/lib/staff/reason";

/** "12.5" → 1250 basis points; at most two decimals, 0 to 100. */
const Percent = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, "Enter a percentage such as 5 or 12.5.")
  .transform((s) => Math.round(Number(s) * 100))
  .refine((bps) => bps <= 10_000, "The rate must be between 0% and 100%.");

const SetDiscountSchema = z.object({
  accountId: z.string().uuid(),
  /** Empty: the account-wide rate. */
  productId: z.string().trim().max(100).transform((s) => s || null),
  rate: Percent,
  reason: StaffReason,
});

/** Staff-finance set a customer's negotiated discount rate, for one product or for all; audited with its reason. */
export const setDiscountAction = staffAction({ schema: SetDiscountSchema, permission: "staff.money" }, async ({ input, user, db, ip }) => {
  const change = await setAccountDiscount(db, { accountId: input.accountId, productId: input.productId, rateBps: input.rate, reason: input.reason, actor: { kind: "staff", userId: user.id, ip } });
  return { productId: change.productId, before: change.before, after: change.after };
});
