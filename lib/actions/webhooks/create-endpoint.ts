"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { clockNow } from "@/lib/clock";
import { createPlatformEndpoint, EndpointDescription, EndpointTypes } from "@/lib/events/endpoints";

const CreateEndpointSchema = z.object({ url: z.string().max(2000), description: EndpointDescription.default(""), eventTypes: EndpointTypes });

/** Staff-finance add a platform endpoint; the answer carries its signing secret, the only time it is shown. */
export const createEndpointAction = staffAction({ schema: CreateEndpointSchema, permission: "staff.webhooks.manage", revalidate: ["/staff/webhooks"] }, async ({ input, user, db, ip }) =>
  createPlatformEndpoint(db, { ...input, actor: { userId: user.id, ip }, now: clockNow() }),
);
