"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { clockNow } from "@/lib/clock";
import { resendDelivery } from "@/lib/events/endpoints";

/** Staff-finance put one delivery back in the queue, due now; the delivery job sends it again. */
export const resendDeliveryAction = staffAction({ schema: z.object({ id: z.string().uuid() }), permission: "staff.webhooks.manage" }, async ({ input, user, db, ip }) =>
  resendDelivery(db, { id: input.id, actor: { userId: user.id, ip }, now: clockNow() }),
);
