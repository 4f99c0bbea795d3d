import "server-only";
import type { DbOrTx } from "@/db/client";
import { listEventsAfter } from "@/db/queries/webhooks";
import { AppError } from "@/lib/errors";
import { EVENT_TYPES, isEventType } from "@/lib/events/types";
import { page, pageQuery, SeqPosition } from "./cursor";

const TYPE_MESSAGE = `type must be one or more of: ${EVENT_TYPES.join(", ")} (comma-separated or repeated).`;

/** `type=a,b` or `type=a&type=b`; every name must be in the catalogue. */
function typesOf(query: URLSearchParams): string[] | null {
  const names = query.getAll("type").flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  if (!names.length) return null;
  if (names.length > EVENT_TYPES.length * 2 || !names.every(isEventType)) throw new AppError("VALIDATION", TYPE_MESSAGE, { type: [TYPE_MESSAGE] });
  return [...new Set(names)];
}

/**
 * One page of the event outbox in seq order, for a platform that missed deliveries: every
 * account's events for a platform key (accountId null), one account's otherwise. Each event is
 * the body exactly as it was (or will be) delivered and signed, parsed back into JSON; the
 * cursor names the last seq of the page, so reading on from it lists every event once.
 */
export async function eventsPage(db: DbOrTx, { accountId, query }: { accountId: string | null; query: URLSearchParams }) {
  const { limit, after } = pageQuery(query, SeqPosition);
  const types = typesOf(query);
  const rows = await listEventsAfter(db, { accountId, afterSeq: after ? BigInt(after.seq) : null, types, limit: limit + 1 });
  const { items, nextCursor } = page(rows, limit, (r) => ({ seq: r.seq.toString() }));
  return { events: items.map((r) => JSON.parse(r.body) as Record<string, unknown>), nextCursor };
}
