"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { AppError } from "@/lib/errors";
import { parseMoney } from "@/lib/money";
import { postCreditNote } from "@/lib/staff/four-eyes";
import { staffReasonSchema } from "@/lib/staff/reason";

const IssueCreditNoteSchema = z.object({
  accountId: z.string().uuid(),
  invoiceId: z.string().uuid(),
  kind: z.enum(["adjustment", "correction"], { error: "creditNotes.errors.amountFormat" }),
  amount: z.string().trim().max(30),
  // Empty: the invoice as a whole; else the position of the invoice line it corrects.
  line: z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.number({ error: "creditNotes.errors.line" }).int({ error: "creditNotes.errors.line" }).min(0, { error: "creditNotes.errors.line" }).max(1_000_000, { error: "creditNotes.errors.line" }).optional()),
  reason: staffReasonSchema("staff.money.errors.reason", "staff.money.errors.plainText"),
  // Made when the form is shown: a double submit issues one note.
  requestId: z.string().uuid(),
});

/**
 * Staff-finance issue a credit note against an issued invoice: an amount before tax (the
 * invoice's tax is credited with it), off the invoice as a whole or off one of its lines (at
 * most what is left of that line), a kind and a reason the customer reads. It counts
 * with the person's adjustments to the account for the four-eyes threshold.
 */
export const issueCreditNoteAction = staffAction({ schema: IssueCreditNoteSchema, permission: "staff.money" }, async ({ input, user, db, ip }) => {
  let net: bigint;
  try {
    net = parseMoney(input.amount, { field: "amount" });
  } catch {
    throw new AppError("VALIDATION", "Please correct the highlighted fields.", { amount: ["creditNotes.errors.amountFormat"] });
  }
  const r = await postCreditNote(db, { requestId: input.requestId, accountId: input.accountId, invoiceId: input.invoiceId, net, kind: input.kind, linePosition: input.line, reason: input.reason, actor: { userId: user.id, ip } });
  return r.status === "posted" ? { status: "posted" as const, number: r.result.number } : { status: "pending" as const, number: null };
});
