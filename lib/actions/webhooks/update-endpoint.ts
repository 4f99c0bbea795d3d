"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { EndpointDescription, EndpointTypes, updatePlatformEndpoint } from "@/lib/events/endpoints";

const UpdateEndpointSchema = z.object({ id: z.string().uuid(), description: EndpointDescription.default(""), eventTypes: EndpointTypes });

/** Staff-finance change a platform endpoint's event types and description. */
export const updateEndpointAction = staffAction({ schema: UpdateEndpointSchema, permission: "staff.webhooks.manage" }, async ({ input, user, db, ip }) =>
  updatePlatformEndpoint(db, { ...input, actor: { userId: user.id, ip } }),
);
