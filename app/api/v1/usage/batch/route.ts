import { NextResponse } from "next/server";
import { jsonBody, keyRoute } from "@/lib/api/handler";
import { recordUsageBatch, UsageBatchSchema } from "@/lib/billing/usage-batch";

export const runtime = "nodejs";

/**
 * Up to 1,000 usage events in one request, each accepted or refused on its own (as Stripe's
 * and Metronome's ingestion do): one bad event does not reject the others, and a retry of
 * the whole batch counts each event once. An account key reaches its own resources; a
 * platform key any account's, each event counting under its resource's account.
 */
export const POST = keyRoute(async (req, { db, accountId }) => {
  const { events } = await jsonBody(req, UsageBatchSchema);
  const results = await recordUsageBatch(db, accountId, events);
  const count = (s: string) => results.filter((r) => r.status === s).length;
  // An answer to one request, never to be cached; no-transform also spares compressing it (a
  // thousand short results, read once by a machine next to us): that CPU is the database's.
  const headers = { "cache-control": "no-store, no-transform" };
  return NextResponse.json({ accepted: count("accepted"), duplicates: count("duplicate"), errors: count("error"), results }, { headers });
});
