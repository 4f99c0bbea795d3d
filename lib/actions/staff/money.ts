"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { AppError } from "@/lib/errors";
import { parseMoney, toDecimalString } from "@/lib/money";
import { changeCreditLimit, postAdjustment, postCreditNote, type StaffChange } from "@/lib/staff/four-eyes";
import { staffReasonSchema } from "@/lib/staff/reason";

const Reason = staffReasonSchema("staff.money.errors.reason", "staff.money.errors.plainText");

const CreditLimitSchema = z.object({
  accountId: z.string().uuid(),
  creditLimit: z.string().trim().max(30),
  reason: Reason,
  // Made when the form is shown: a double submit asks for one approval, not two.
  requestId: z.string().uuid(),
});

const AdjustmentSchema = z.object({
  accountId: z.string().uuid(),
  direction: z.enum(["credit", "debit"], { error: "staff.money.errors.direction" }),
  amount: z.string().trim().max(30),
  // A credit may credit an issued invoice of the account: then it is a credit note on it ("" = a plain adjustment).
  creditInvoiceId: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.string().uuid({ error: "staff.money.errors.creditInvoice" }).optional()),
  reason: Reason,
  // Made when the form is shown: a double submit posts once.
  requestId: z.string().uuid(),
});

function money(raw: string, field: string, opts: { allowZero?: boolean } = {}): bigint {
  try {
    return parseMoney(raw, { field, allowZero: opts.allowZero });
  } catch {
    throw new AppError("VALIDATION", "Please correct the highlighted fields.", { [field]: [`staff.money.errors.${field}`] });
  }
}

/** What the browser gets back: the figures as decimal strings. */
function view(c: StaffChange<unknown>) {
  return { status: c.status, approvalId: c.status === "pending" ? c.approvalId : null, before: toDecimalString(c.before), after: toDecimalString(c.after), earlier: toDecimalString(c.earlier) };
}

/** Staff-finance set an account's credit limit, with a reason; when it takes their changes to the account past the four-eyes threshold within 24 hours it waits for a second person. */
export const setCreditLimitAction = staffAction({ schema: CreditLimitSchema, permission: "staff.money" }, async ({ input, user, db, ip }) => {
  const creditLimit = money(input.creditLimit, "creditLimit", { allowZero: true });
  return view(await changeCreditLimit(db, { requestId: input.requestId, accountId: input.accountId, creditLimit, reason: input.reason, actor: { userId: user.id, ip } }));
});

/**
 * Staff-finance credit or debit an account's cash, with a reason; a credit that names an
 * issued invoice of the account is a credit note on it (kind adjustment) instead. When it takes their changes to the account past the four-eyes threshold within 24 hours it waits for a second person.
 */
export const postAdjustmentAction = staffAction({ schema: AdjustmentSchema, permission: "staff.money" }, async ({ input, user, db, ip }) => {
  const magnitude = money(input.amount, "amount");
  const amount = input.direction === "debit" ? -magnitude : magnitude;
  const actor = { userId: user.id, ip };
  if (!input.creditInvoiceId) return { ...view(await postAdjustment(db, { requestId: input.requestId, accountId: input.accountId, amount, reason: input.reason, actor })), creditNote: null };
  if (input.direction === "debit") throw new AppError("VALIDATION", "Only a credit can credit an invoice.", { creditInvoiceId: ["staff.money.errors.creditInvoiceDebit"] });
  // The amount is before tax, as on the invoice's own credit-note form: the invoice's tax is credited with it.
  const c = await postCreditNote(db, { requestId: input.requestId, accountId: input.accountId, invoiceId: input.creditInvoiceId, net: magnitude, kind: "adjustment", reason: input.reason, actor });
  return { ...view(c), creditNote: c.status === "posted" ? c.result.number : null };
});
