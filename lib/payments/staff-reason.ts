import { AppError } from "@/lib/errors";
import { StaffReason } from "@/lib/staff/reason";

/** The staff reason rule (3–500 characters) for callers outside an action's schema: the trimmed reason, or a VALIDATION error with the message key. */
export function requireStaffReason(reason: string): string {
  const r = StaffReason.safeParse(reason);
  if (!r.success) throw new AppError("VALIDATION", "Say why (3 to 500 characters).", { reason: [r.error.issues[0]?.message ?? "staff.confirm.errors.reason"] });
  return r.data;
}
