import { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * The reason every staff money action asks for: 3–500 characters, recorded in the audit
 * record's `reason`. The error is a message key the forms show in the reader's language.
 */
export const StaffReason = z.string({ error: "staff.confirm.errors.reason" }).trim().min(3, "staff.confirm.errors.reason").max(500, "staff.confirm.errors.reason");

/**
 * The same rule for the domain functions (which the seed and other callers reach without an
 * action's schema): the trimmed reason, or VALIDATION on the `reason` field, before anything
 * is read or written.
 */
export function requireStaffReason(reason: string): string {
  const r = StaffReason.safeParse(reason);
  if (!r.success) throw new AppError("VALIDATION", "Say why (3 to 500 characters).", { reason: ["staff.confirm.errors.reason"] });
  return r.data;
}
