"use server";
import { z } from "zod";
import { getBalances } from "@/db/queries/balances";
import { staffAction } from "@/lib/actions/action";
import { AppError } from "@/lib/errors";
import { parseMoney } from "@/lib/money";
import { refundPayment } from "@/lib/payments/refund";
import { confirmWireTransfer } from "@/lib/payments/top-up";
import { StaffReason } from "@/lib/staff/reason";

const money = (s: string, field: string, key: string) => {
  try {
    return parseMoney(s);
  } catch {
    throw new AppError("VALIDATION", "Enter an amount in dollars and cents.", { [field]: [key] });
  }
};

const ConfirmSchema = z.object({ paymentId: z.string().uuid(), received: z.string().trim().max(30), reason: StaffReason });

/**
 * Finance staff confirm a bank transfer with the amount that actually arrived and why.
 * Amounts come back as micro-dollar strings: what was credited (nothing when it had been
 * confirmed already) and the account's balance afterwards.
 */
export const confirmWireAction = staffAction({ schema: ConfirmSchema, permission: "staff.money", revalidate: ["/staff/payments"] }, async ({ db, input, user, ip }) => {
  const received = money(input.received, "received", "payments.errors.received");
  const { payment, credited } = await confirmWireTransfer(db, { paymentId: input.paymentId, received, reason: input.reason, staffUserId: user.id, ip });
  const { balance } = await getBalances(db, { accountId: payment.accountId });
  return { credited: credited ? (payment.receivedAmount ?? payment.amount).toString() : "0", alreadyConfirmed: !credited, balance: balance.toString() };
});

// "None" in the form's select is the empty string: a refund of prepaid funds.
const OptionalInvoice = z.preprocess((v) => (v === "" || v == null ? undefined : v), z.string().uuid({ error: "payments.errors.creditInvoice" }).optional());

const RefundSchema = z.object({ paymentId: z.string().uuid(), amount: z.string().trim().max(30), reason: StaffReason, requestId: z.string().uuid(), creditInvoiceId: OptionalInvoice });

/**
 * Finance staff refund (part of) a top-up to its original method; never more than the
 * account's balance. With `creditInvoiceId` (an issued invoice of the payment's account) the
 * refund returns charges: a credit note of kind refund credits that invoice first.
 */
export const refundPaymentAction = staffAction({ schema: RefundSchema, permission: "staff.money", revalidate: ["/staff/payments"] }, async ({ db, input, user, ip }) => {
  const r = await refundPayment(db, { paymentId: input.paymentId, amount: money(input.amount, "amount", "payments.errors.refundAmount"), reason: input.reason, requestId: input.requestId, staffUserId: user.id, ip, creditInvoiceId: input.creditInvoiceId ?? null });
  const { balance } = await getBalances(db, { accountId: r.accountId });
  return { amount: r.amount.toString(), status: r.status, balance: balance.toString() };
});
