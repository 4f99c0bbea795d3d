"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { clockNow } from "@/lib/clock";
import { rotateEndpointSecret } from "@/lib/events/endpoints";

/** Staff-finance give a platform endpoint a new secret (shown once); the old one signs too for the overlap. */
export const rotateEndpointSecretAction = staffAction({ schema: z.object({ id: z.string().uuid() }), permission: "staff.webhooks.manage" }, async ({ input, user, db, ip }) =>
  rotateEndpointSecret(db, { id: input.id, actor: { userId: user.id, ip }, now: clockNow() }),
);
