import { NextResponse } from "next/server";
import { apiRoute, jsonBody } from "@/lib/api/handler";
import { listUsage } from "@/lib/api/usage-lists";
import { recordUsage, UsageEventSchema } from "@/lib/billing/usage";

export const runtime = "nodejs";

/** Metered usage of a resource. The same eventId twice counts once. */
export const POST = apiRoute(async (req, { db, accountId }) => {
  const body = await jsonBody(req, UsageEventSchema);
  const { event, replayed } = await recordUsage(db, { accountId, ...body, occurredAt: new Date(body.occurredAt) });
  return NextResponse.json({ eventId: event.eventId, replayed }, { status: replayed ? 200 : 202 });
});

/** The account's usage summed per resource and increment (?resourceId&from&to, cursor pagination). */
export const GET = apiRoute(async (req, { db, accountId }) => NextResponse.json(await listUsage(db, accountId, new URL(req.url).searchParams)));
