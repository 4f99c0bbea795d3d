import { getDb } from "@/db/client";
import { pingDatabase } from "@/db/queries/health";
import { errorResponse } from "@/lib/auth/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Whether the app can reach its database: 200, or 503 UNAVAILABLE with Retry-After. For a
 * load balancer, and for the error page, which says "temporarily unavailable" rather than
 * "something went wrong" when this is why the page failed (in production the page itself
 * only learns an error digest, never the cause).
 */
export async function GET() {
  try {
    await pingDatabase(getDb());
    return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}
