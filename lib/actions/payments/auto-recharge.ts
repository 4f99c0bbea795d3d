"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { AppError } from "@/lib/errors";
import { parseMoney } from "@/lib/money";
import { saveAutoRecharge } from "@/lib/payments/auto-recharge";
import { wholeNumber } from "@/lib/validation/integer";

const AutoRechargeSchema = z.object({
  enabled: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  amount: z.string().trim().max(30),
  dayOfMonth: wholeNumber({ min: 1, max: 28, message: "payments.errors.day" }),
});

export const saveAutoRechargeAction = accountAction(
  { schema: AutoRechargeSchema, permission: "auto_recharge.manage", revalidate: ["/a/[accountId]/billing", "/a/[accountId]/billing/auto-recharge"] },
  async ({ db, input, user, ip }) => {
    let amount: bigint;
    try {
      amount = parseMoney(input.amount);
    } catch {
      throw new AppError("VALIDATION", "Enter an amount within the top-up limits.", { amount: ["payments.errors.amount"] });
    }
    await saveAutoRecharge(db, { accountId: input.accountId, enabled: input.enabled, amount, dayOfMonth: input.dayOfMonth, userId: user.id, ip });
    return { enabled: input.enabled };
  },
);
