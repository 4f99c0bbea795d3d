import { NextResponse } from "next/server";
import { z } from "zod";
import { apiRoute, jsonBody } from "@/lib/api/handler";
import { recordUsage } from "@/lib/billing/usage";
import { wholeNumber } from "@/lib/validation/integer";

export const runtime = "nodejs";

const UsageSchema = z.object({
  eventId: z.string().trim().min(1).max(200),
  resourceId: z.string().uuid(),
  quantity: wholeNumber({ min: 1, max: 1_000_000_000, json: true, message: "A whole number from 1 to 1000000000." }),
  occurredAt: z.iso.datetime({ offset: true }),
});

/** Metered usage of a resource. The same eventId twice counts once. */
export const POST = apiRoute(async (req, { db, accountId }) => {
  const body = await jsonBody(req, UsageSchema);
  const { event, replayed } = await recordUsage(db, { accountId, ...body, occurredAt: new Date(body.occurredAt) });
  return NextResponse.json({ eventId: event.eventId, replayed }, { status: replayed ? 200 : 202 });
});
