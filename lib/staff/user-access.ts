import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { audit } from "@/lib/audit";
import { endAllSessions } from "@/lib/auth/session-store";
import { AppError } from "@/lib/errors";
import { requireStaffReason } from "./reason";
import { withTx } from "@/db/tx";

export interface UserAccessInput {
  /** The account whose members list the staff member acted from (kept in the audit record). */
  accountId: string;
  userId: string;
  disabled: boolean;
  reason: string;
  actor: { userId: string; ip?: string | null };
}

/**
 * Staff disable or enable a customer user. A disabled user cannot sign in (password or
 * link) and every session of theirs ends in the same transaction. One audit record with the
 * reason; asking for the state the user is already in changes nothing and records nothing
 * (a second Confirm). Staff users are not disabled from here: one staff member must not be
 * able to lock out the second approver of four-eyes.
 */
export async function setUserAccess(db: Db, input: UserAccessInput): Promise<{ changed: boolean; sessionsEnded: number }> {
  const reason = requireStaffReason(input.reason);
  return withTx(db, async (tx) => {
    const [target] = await tx
      .select({ id: users.id, disabled: users.disabled, staffRole: users.staffRole })
      .from(users)
      .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.accountId, input.accountId)))
      .where(eq(users.id, input.userId))
      .for("update", { of: users });
    if (!target) throw new AppError("NOT_FOUND", "Not found.");
    if (target.staffRole || target.id === input.actor.userId) throw new AppError("FORBIDDEN", "Staff users cannot be disabled here.");
    if (target.disabled === input.disabled) return { changed: false, sessionsEnded: 0 };
    await tx.update(users).set({ disabled: input.disabled }).where(eq(users.id, target.id));
    const sessionsEnded = input.disabled ? await endAllSessions(tx, target.id, { reason: "disabled" }) : 0;
    await audit(tx, {
      actorUserId: input.actor.userId,
      actorKind: "staff",
      accountId: input.accountId,
      action: input.disabled ? "staff.user.disable" : "staff.user.enable",
      targetType: "user",
      targetId: target.id,
      reason,
      data: input.disabled ? { sessionsEnded } : undefined,
      ip: input.actor.ip,
    });
    return { changed: true, sessionsEnded };
  });
}
