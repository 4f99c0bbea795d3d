"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { PROTECTION_HOURS_MAX, setAccountProtection } from "@/lib/billing/protection";
import { StaffReason } from "@/lib/staff/reason";

const HOURS_MESSAGE = `Enter whole hours from 0 to ${PROTECTION_HOURS_MAX}, or leave it empty for the product default.`;

const SetProtectionSchema = z.object({
  accountId: z.string().uuid(),
  /** Whole hours; empty: each product's own protection period. */
  hours: z
    .string({ error: HOURS_MESSAGE })
    .trim()
    .regex(/^(\d{1,3})?$/, HOURS_MESSAGE)
    .transform((s) => (s === "" ? null : Number(s)))
    .refine((h) => h === null || h <= PROTECTION_HOURS_MAX, HOURS_MESSAGE),
  reason: StaffReason,
});

/** Staff-finance set how long an overdue account's resources keep running before they are stopped; audited with its reason. */
export const setProtectionAction = staffAction({ schema: SetProtectionSchema, permission: "staff.money" }, async ({ input, user, db, ip }) =>
  setAccountProtection(db, { accountId: input.accountId, hours: input.hours, reason: input.reason, actor: { kind: "staff", userId: user.id, ip } }),
);
