import { NextResponse } from "next/server";
import { clientIp } from "@/lib/auth/client-ip";
import { apiRoute, money } from "@/lib/api/handler";
import { resourceJson } from "@/lib/api/serialize";
import { previewRenewal, type RenewalPreview, renewStopped } from "@/lib/billing/renew-stopped";
import { clockNow } from "@/lib/clock";

export const runtime = "nodejs";

const previewJson = (p: RenewalPreview) => ({
  termMonths: p.termMonths, gross: money(p.gross), discount: money(p.discount), price: money(p.price),
  expiresAt: p.newExpiresAt.toISOString(), releaseAt: p.releaseAt.toISOString(), available: money(p.available), affordable: p.affordable,
});

/** What renewing a subscription stopped at expiry costs now (one more term at the renewal price, from the old expiry); nothing is written. */
export const GET = apiRoute(async (_req, { db, accountId, params }) => {
  return NextResponse.json({ preview: previewJson(await previewRenewal(db, accountId, params.id ?? "", clockNow())) });
});

/** Pays that term and resumes the subscription; a second call answers 409 CONFLICT (it is running), charging nothing. */
export const POST = apiRoute(async (req, { db, accountId, params }) => {
  const actor = { kind: "api_key" as const, userId: null, ip: clientIp(req.headers) };
  const done = await renewStopped(db, { accountId, resourceId: params.id ?? "", actor, now: clockNow() });
  return NextResponse.json({ resource: resourceJson(done.resource), orderNo: done.order.orderNo, price: money(done.price) });
});
