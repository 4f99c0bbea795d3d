"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { AppError } from "@/lib/errors";
import { parseMoney } from "@/lib/money";
import { refundPayment } from "@/lib/payments/refund";
import { confirmWireTransfer } from "@/lib/payments/top-up";

const money = (s: string, field: string, key: string) => {
  try {
    return parseMoney(s);
  } catch {
    throw new AppError("VALIDATION", "Enter an amount in dollars and cents.", { [field]: [key] });
  }
};

const ConfirmSchema = z.object({ paymentId: z.string().uuid(), received: z.string().trim().max(30) });

/** Finance staff confirm a bank transfer with the amount that actually arrived. */
export const confirmWireAction = staffAction({ schema: ConfirmSchema, permission: "staff.money", revalidate: ["/staff/payments"] }, async ({ db, input, user, ip }) => {
  const p = await confirmWireTransfer(db, { paymentId: input.paymentId, received: money(input.received, "received", "payments.errors.amount"), staffUserId: user.id, ip });
  return { credited: (p.receivedAmount ?? p.amount).toString() };
});

const RefundSchema = z.object({ paymentId: z.string().uuid(), amount: z.string().trim().max(30), reason: z.string().trim().min(1, "payments.errors.reason").max(500), requestId: z.string().uuid() });

/** Finance staff refund (part of) a top-up to its original method; never more than the account's balance. */
export const refundPaymentAction = staffAction({ schema: RefundSchema, permission: "staff.money", revalidate: ["/staff/payments"] }, async ({ db, input, user, ip }) => {
  const r = await refundPayment(db, { paymentId: input.paymentId, amount: money(input.amount, "amount", "payments.errors.refundTooLarge"), reason: input.reason, requestId: input.requestId, staffUserId: user.id, ip });
  return { amount: r.amount.toString(), status: r.status };
});
