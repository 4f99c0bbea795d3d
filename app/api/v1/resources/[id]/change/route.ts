import { NextResponse } from "next/server";
import { clientIp } from "@/lib/auth/client-ip";
import { apiRoute, jsonBody } from "@/lib/api/handler";
import { changeJson, SubscriptionChangeSchema } from "@/lib/api/subscription-change";
import { resourceJson } from "@/lib/api/serialize";
import { cancelScheduledChange, changeSubscription } from "@/lib/billing/subscription-change";
import { AppError } from "@/lib/errors";

export const runtime = "nodejs";

/** Upgrades (at once, charged now), downgrades (next term) or lengthens (from the term's end) a running subscription. */
export const POST = apiRoute(async (req, { db, accountId, keyId, params }) => {
  const body = await jsonBody(req, SubscriptionChangeSchema);
  const key = req.headers.get("idempotency-key")?.trim();
  if (!key || key.length > 200) throw new AppError("VALIDATION", "Send an Idempotency-Key header so a retry cannot change (and charge) twice.");
  const actor = { kind: "api_key" as const, userId: null, ip: clientIp(req.headers) };
  const result = await changeSubscription(db, { accountId, resourceId: params.id ?? "", ...body, actor, apiKeyId: keyId, idempotencyKey: `api:${keyId}:${key}` });
  return NextResponse.json(changeJson(result), { status: result.replayed ? 200 : 201 });
});

/** Cancels the downgrade scheduled for the next term. */
export const DELETE = apiRoute(async (req, { db, accountId, keyId, params }) => {
  const actor = { kind: "api_key" as const, userId: null, ip: clientIp(req.headers) };
  return NextResponse.json({ resource: resourceJson(await cancelScheduledChange(db, { accountId, resourceId: params.id ?? "", actor, apiKeyId: keyId })) });
});
