import { NextResponse } from "next/server";
import { z } from "zod";
import { listResources } from "@/db/queries/billing";
import { apiRoute, jsonBody } from "@/lib/api/handler";
import { resourceJson } from "@/lib/api/serialize";
import { activateResource } from "@/lib/billing/activate";
import { AppError } from "@/lib/errors";
import { wholeNumber } from "@/lib/validation/integer";
import { plainText } from "@/lib/validation/text";

export const runtime = "nodejs";

const CreateSchema = z.object({
  productId: z.string().min(1).max(100),
  quantity: wholeNumber({ min: 1, max: 1000, json: true, message: "A whole number from 1 to 1000." }),
  name: plainText("No hidden text-direction characters (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C).").trim().min(1).max(120).optional(),
  externalId: z.string().trim().min(1).max(200).optional(),
  promotionCode: z.string().trim().max(40).optional(),
});

/**
 * Activates a pay-as-you-go resource. Retries with the same Idempotency-Key (or externalId)
 * activate once; the key and the externalId are bound to the request's terms, so another
 * body under either is 409 IDEMPOTENCY_CONFLICT (lib/billing/activate.ts).
 */
export const POST = apiRoute(async (req, { db, accountId, keyId }) => {
  const body = await jsonBody(req, CreateSchema);
  const key = req.headers.get("idempotency-key")?.trim() || body.externalId;
  if (!key || key.length > 200) throw new AppError("VALIDATION", "Send an Idempotency-Key header (or an externalId) so a retry cannot activate twice.");
  const { resource, replayed } = await activateResource(db, { accountId, ...body, actor: { kind: "api_key", userId: null }, idempotencyKey: `api:${keyId}:${key}` });
  return NextResponse.json({ resource: resourceJson(resource) }, { status: replayed ? 200 : 201 });
});

export const GET = apiRoute(async (_req, { db, accountId }) => {
  const rows = await listResources(db, { accountId });
  return NextResponse.json({ resources: rows.map((r) => resourceJson(r.resource)) });
});
