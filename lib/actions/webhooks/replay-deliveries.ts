"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { clockNow } from "@/lib/clock";
import { replayRange } from "@/lib/events/endpoints";

/** A UTC minute as a `datetime-local` field sends it (`2026-12-03T14:30`), or a full ISO time. */
const UtcTime = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?$/, "webhooks.errors.time")
  .transform((v) => new Date(v.endsWith("Z") ? v : `${v}Z`))
  .refine((d) => !Number.isNaN(d.getTime()), "webhooks.errors.time");

const ReplaySchema = z.object({ endpointId: z.string().uuid(), from: UtcTime, to: UtcTime });

/** Staff-finance queue again every event of a time range (UTC) for one endpoint. */
export const replayDeliveriesAction = staffAction({ schema: ReplaySchema, permission: "staff.webhooks.manage" }, async ({ input, user, db, ip }) =>
  replayRange(db, { ...input, actor: { userId: user.id, ip }, now: clockNow() }),
);
