"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { AppError } from "@/lib/errors";
import { parseMoney } from "@/lib/money";
import { StaffReason } from "@/lib/staff/reason";
import { wholeNumber } from "@/lib/validation/integer";
import { plainText } from "@/lib/validation/text";
import { createVoucherBatch, MAX_BATCH } from "@/lib/vouchers/batches";

const day = z.string({ error: "date" }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: "date" });

// Field errors carry message keys (vouchers.staff.errors.*, or staff.confirm.errors.reason): the form shows them in the reader's language.
const CreateBatchSchema = z
  .object({
    count: wholeNumber({ min: 1, max: MAX_BATCH, message: "count" }),
    faceValue: z.string({ error: "faceValue" }).trim().min(1, { error: "faceValue" }).max(20, { error: "faceValue" }),
    productIds: z.array(z.string().min(1).max(100), { error: "products" }).max(100, { error: "products" }).default([]),
    validFrom: day,
    validUntil: day,
    // Staff read the note in the batch list; the key is one the form translates from the root.
    note: plainText("staff.confirm.errors.plainText").trim().max(200, { error: "note" }).default(""),
    reason: StaffReason,
    // Made when the form is shown and used as the batch's id: a double submit issues one batch.
    requestId: z.string().uuid(),
  })
  .refine((v) => v.validUntil >= v.validFrom, { error: "validity", path: ["validUntil"] });

/**
 * Staff issue a batch: dates are whole UTC days, the last one included, so a batch valid
 * until 31 March works through 31 March and stops at 1 April 00:00 UTC.
 */
export const createVoucherBatchAction = staffAction({ schema: CreateBatchSchema, permission: "staff.vouchers.manage", revalidate: ["/staff/vouchers"] }, async ({ input, user, db, ip }) => {
  let faceValue: bigint;
  try {
    faceValue = parseMoney(input.faceValue);
  } catch {
    throw new AppError("VALIDATION", "Please correct the highlighted fields.", { faceValue: ["faceValue"] });
  }
  const validFrom = new Date(`${input.validFrom}T00:00:00Z`);
  const validUntil = new Date(new Date(`${input.validUntil}T00:00:00Z`).getTime() + 86_400_000);
  if (Number.isNaN(validFrom.getTime()) || Number.isNaN(validUntil.getTime())) throw new AppError("VALIDATION", "Please correct the highlighted fields.", { validFrom: ["date"] });
  try {
    const { batchId, count } = await createVoucherBatch(db, {
      id: input.requestId,
      count: input.count,
      faceValue,
      productIds: input.productIds,
      validFrom,
      validUntil,
      note: input.note,
      reason: input.reason,
      actor: { userId: user.id, ip },
    });
    return { batchId, count };
  } catch (e) {
    if (e instanceof AppError && e.fieldErrors?.productIds) throw new AppError("VALIDATION", e.message, { productIds: ["products"] });
    throw e;
  }
});
