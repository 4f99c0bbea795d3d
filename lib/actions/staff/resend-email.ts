"use server";
import { z } from "zod";
import { getOutboxEmail } from "@/db/queries/outbox";
import { staffAction } from "@/lib/actions/action";
import { audit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { requeueEmail } from "@/lib/jobs/deliver-emails";
import { withTx } from "@/db/tx";

const ResendEmailSchema = z.object({ id: z.string().uuid() });

/** Puts a delivered or failed outbox email back in the delivery queue; the delivery job sends it again. */
export const resendEmail = staffAction({ schema: ResendEmailSchema, permission: "staff.outbox.resend", revalidate: ["/staff/outbox"] }, async ({ input, user, db, ip }) => {
  await withTx(db, async (tx) => {
    const email = await getOutboxEmail(tx, { id: input.id });
    if (!email) throw new AppError("NOT_FOUND", "Not found.");
    if (!(await requeueEmail(tx, email.id))) throw new AppError("CONFLICT", "This email is already waiting to be sent.");
    await audit(tx, {
      actorUserId: user.id,
      actorKind: "staff",
      accountId: email.accountId,
      action: "email.resend",
      targetType: "email",
      targetId: email.id,
      data: { to: email.to, template: email.template, previousStatus: email.status, previousAttempts: email.attempts },
      ip,
    });
  });
  return { id: input.id };
});
