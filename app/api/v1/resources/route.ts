import { NextResponse } from "next/server";
import { apiRoute, jsonBody } from "@/lib/api/handler";
import { listResourcesPage } from "@/lib/api/resources-list";
import { ActivateResourceSchema } from "@/lib/api/schemas";
import { resourceJson } from "@/lib/api/serialize";
import { activateResource } from "@/lib/billing/activate";
import { AppError } from "@/lib/errors";

export const runtime = "nodejs";

/**
 * Activates a pay-as-you-go resource. Retries with the same Idempotency-Key (or externalId)
 * activate once; the key and the externalId are bound to the request's terms, so another
 * body under either is 409 IDEMPOTENCY_CONFLICT (lib/billing/activate.ts).
 */
export const POST = apiRoute(async (req, { db, accountId, keyId }) => {
  const body = await jsonBody(req, ActivateResourceSchema);
  const key = req.headers.get("idempotency-key")?.trim() || body.externalId;
  if (!key || key.length > 200) throw new AppError("VALIDATION", "Send an Idempotency-Key header (or an externalId) so a retry cannot activate twice.");
  const { resource, replayed } = await activateResource(db, { accountId, ...body, actor: { kind: "api_key", userId: null }, idempotencyKey: `api:${keyId}:${key}` });
  return NextResponse.json({ resource: resourceJson(resource) }, { status: replayed ? 200 : 201 });
});

/** The account's resources in creation order (?status, cursor pagination). */
export const GET = apiRoute(async (req, { db, accountId }) => NextResponse.json(await listResourcesPage(db, accountId, new URL(req.url).searchParams)));
