import { NextResponse } from "next/server";
import { clientIp } from "@/lib/auth/client-ip";
import { apiRoute, jsonBody } from "@/lib/api/handler";
import { resourceJson } from "@/lib/api/serialize";
import { AutoRenewSchema } from "@/lib/api/subscription-change";
import { setAutoRenew } from "@/lib/billing/subscription-change";

export const runtime = "nodejs";

/** Turns a running subscription's auto-renew on or off (audited when it changes). */
export const PUT = apiRoute(async (req, { db, accountId, keyId, params }) => {
  const { autoRenew } = await jsonBody(req, AutoRenewSchema);
  const actor = { kind: "api_key" as const, userId: null, ip: clientIp(req.headers) };
  return NextResponse.json({ resource: resourceJson(await setAutoRenew(db, { accountId, resourceId: params.id ?? "", autoRenew, actor, apiKeyId: keyId })) });
});
