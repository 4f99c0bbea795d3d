import { NextResponse } from "next/server";
import { getResource } from "@/db/queries/billing";
import { clientIp } from "@/lib/auth/client-ip";
import { apiError, apiRoute, jsonBody } from "@/lib/api/handler";
import { SetResourceTagsSchema } from "@/lib/api/schemas";
import { resourceJson } from "@/lib/api/serialize";
import { releaseResource } from "@/lib/billing/release";
import { setResourceTags } from "@/lib/billing/resource-tags";

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

/** Replaces the resource's tags (the whole set); charges from now on carry them, earlier ones keep theirs. */
export const PATCH = apiRoute(async (req, { db, accountId, keyId, params }) => {
  const { tags } = await jsonBody(req, SetResourceTagsSchema);
  const actor = { kind: "api_key" as const, userId: null, ip: clientIp(req.headers) };
  const { resource } = await setResourceTags(db, { accountId, resourceId: params.id ?? "", tags, actor, apiKeyId: keyId });
  return NextResponse.json({ resource: resourceJson(resource) });
});
