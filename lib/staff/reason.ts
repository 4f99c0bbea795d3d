import { z } from "zod";
import { AppError } from "@/lib/errors";
import { plainText } from "@/lib/validation/text";

/**
 * The reason every staff action asks for: 3–500 characters (trimmed), recorded in the
 * audit record's `reason`. The one place these limits are written: the server actions'
 * schemas below and the staff forms (minLength, maxLength and their checks before
 * sending) import them. This module has no server-only imports, so client forms can.
 */
export const STAFF_REASON_MIN = 3;
export const STAFF_REASON_MAX = 500;

/**
 * A reason under the limits, with the given error (a message key the forms translate, or a
 * sentence), and without hidden text-direction controls, which would make the audit log read
 * otherwise than what was typed (`bidiMessage`: the key for that refusal).
 */
export function staffReasonSchema(message: string, bidiMessage = "staff.confirm.errors.plainText") {
  return z.string({ error: message }).pipe(plainText(bidiMessage)).pipe(z.string().trim().min(STAFF_REASON_MIN, message).max(STAFF_REASON_MAX, message));
}

/** The error is a message key the forms show in the reader's language. */
export const StaffReason = staffReasonSchema("staff.confirm.errors.reason");

/**
 * The same rule for the domain functions (which the seed and other callers reach without an
 * action's schema): the trimmed reason, or VALIDATION on the `reason` field, before anything
 * is read or written.
 */
export function requireStaffReason(reason: string): string {
  const r = StaffReason.safeParse(reason);
  if (!r.success) throw new AppError("VALIDATION", `Say why (${STAFF_REASON_MIN} to ${STAFF_REASON_MAX} characters).`, { reason: ["staff.confirm.errors.reason"] });
  return r.data;
}
