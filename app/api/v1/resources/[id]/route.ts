import { NextResponse } from "next/server";
import { getResource } from "@/db/queries/billing";
import { apiError, apiRoute } from "@/lib/api/handler";
import { resourceJson } from "@/lib/api/serialize";
import { releaseResource } from "@/lib/billing/release";

export const runtime = "nodejs";

export const GET = apiRoute(async (_req, { db, accountId, params }) => {
  const row = await getResource(db, { accountId, resourceId: params.id ?? "" });
  return row ? NextResponse.json({ resource: resourceJson(row.resource) }) : apiError("NOT_FOUND", "Resource not found.");
});

/** Releases the resource: charged up to now, its hold returned. Releasing twice is harmless. */
export const DELETE = apiRoute(async (_req, { db, accountId, params }) => {
  const row = await getResource(db, { accountId, resourceId: params.id ?? "" });
  if (!row) return apiError("NOT_FOUND", "Resource not found.");
  const released = await releaseResource(db, { accountId, resourceId: row.resource.id, actor: { kind: "api_key", userId: null } });
  return NextResponse.json({ resource: resourceJson(released) });
});
