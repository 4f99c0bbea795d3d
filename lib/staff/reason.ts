import { z } from "zod";

/**
 * The reason every staff money action asks for: 3–500 characters, recorded in the audit
 * record's `reason`. The error is a message key the forms show in the reader's language.
 */
export const StaffReason = z.string({ error: "staff.confirm.errors.reason" }).trim().min(3, "staff.confirm.errors.reason").max(500, "staff.confirm.errors.reason");
