import "server-only";
import type { DbOrTx } from "@/db/client";
import { listEventsAfter } from "@/db/queries/webhooks";
import { EVENT_TYPES } from "@/lib/events/types";
import { page, pageQuery, SeqPosition } from "./cursor";
import { enumListParam } from "./list-filters";

/**
 * One page of the event outbox in seq order, for a platform that missed deliveries: every
 * account's events for a platform key (accountId null), one account's otherwise. Each event is
 * the body exactly as it was (or will be) delivered and signed, parsed back into JSON; the
 * cursor names the last seq of the page, so reading on from it lists every event once.
 */
export async function eventsPage(db: DbOrTx, { accountId, query }: { accountId: string | null; query: URLSearchParams }) {
  const { limit, after } = pageQuery(query, SeqPosition);
  const types = enumListParam(query, "type", EVENT_TYPES);
  const rows = await listEventsAfter(db, { accountId, afterSeq: after ? BigInt(after.seq) : null, types, limit: limit + 1 });
  const { items, nextCursor } = page(rows, limit, (r) => ({ seq: r.seq.toString() }));
  return { data: items.map((r) => JSON.parse(r.body) as Record<string, unknown>), nextCursor };
}
