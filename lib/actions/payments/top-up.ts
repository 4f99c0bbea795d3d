"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { AppError } from "@/lib/errors";
import { parseMoney } from "@/lib/money";
import { requestWireTransfer, topUpWithMethod } from "@/lib/payments/top-up";

const TopUpSchema = z.object({
  amount: z.string().trim().max(30),
  /** A saved method's id, or "wire" for a bank transfer. */
  method: z.union([z.literal("wire"), z.string().uuid()], { error: "payments.errors.method" }),
  // Made when the form is shown: a double submit, a retry or a reload pays once.
  requestId: z.string().uuid(),
});

export const topUpAction = accountAction(
  { schema: TopUpSchema, permission: "topups.create", revalidate: ["/a/[accountId]/billing", "/a/[accountId]/billing/top-up"] },
  async ({ db, input, user }) => {
    let amount: bigint;
    try {
      amount = parseMoney(input.amount, { field: "amount" });
    } catch {
      throw new AppError("VALIDATION", "Enter an amount within the top-up limits.", { amount: ["payments.errors.amount"] });
    }
    if (input.method === "wire") {
      const p = await requestWireTransfer(db, { accountId: input.accountId, amount, requestId: input.requestId, userId: user.id });
      return { paymentId: p.id, status: p.status, declineCode: null };
    }
    const r = await topUpWithMethod(db, { accountId: input.accountId, methodId: input.method, amount, requestId: input.requestId, userId: user.id });
    return { paymentId: r.payment.id, status: r.status, declineCode: r.declineCode ?? null };
  },
);
