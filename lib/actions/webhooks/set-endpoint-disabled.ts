"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { clockNow } from "@/lib/clock";
import { setEndpointDisabled } from "@/lib/events/endpoints";

/** Staff-finance stop deliveries to a platform endpoint, or start them again. */
export const setEndpointDisabledAction = staffAction({ schema: z.object({ id: z.string().uuid(), disabled: z.boolean() }), permission: "staff.webhooks.manage" }, async ({ input, user, db, ip }) =>
  setEndpointDisabled(db, { ...input, actor: { userId: user.id, ip }, now: clockNow() }),
);
