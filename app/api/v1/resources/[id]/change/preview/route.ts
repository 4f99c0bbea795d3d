import { NextResponse } from "next/server";
import { apiRoute, jsonBody } from "@/lib/api/handler";
import { previewJson, SubscriptionChangeSchema } from "@/lib/api/subscription-change";
import { previewChange } from "@/lib/billing/subscription-change";

export const runtime = "nodejs";

/** What POST …/change would do now, priced by the same function; nothing is written. */
export const POST = apiRoute(async (req, { db, accountId, params }) => {
  const body = await jsonBody(req, SubscriptionChangeSchema);
  return NextResponse.json({ preview: previewJson(await previewChange(db, { accountId, resourceId: params.id ?? "", ...body })) });
});
