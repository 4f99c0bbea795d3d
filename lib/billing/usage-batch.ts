import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { insertUsageRows, storedUsage, type UsageRow, usageKey, usageResources } from "@/db/queries/usage";
import { AppError, type ErrorCode } from "@/lib/errors";
import { USAGE_ID_REUSED, UsageEventSchema, usageRefusal } from "./usage";

export const MAX_BATCH = 1_000;

/** The batch body: 1 to 1,000 events; each one is validated on its own, so one bad event names its index. */
export const UsageBatchSchema = z.object({ events: z.array(z.unknown()).min(1, "Send at least one event.").max(MAX_BATCH, `At most ${MAX_BATCH} events a request.`) });

export type BatchResult =
  | { index: number; eventId: string | null; status: "accepted" | "duplicate" }
  | { index: number; eventId: string | null; status: "error"; error: { code: ErrorCode; message: string; fieldErrors?: Record<string, string[]> } };

const sameUsage = (a: UsageRow, b: UsageRow) => a.resourceId === b.resourceId && a.quantity === b.quantity && a.occurredAt.getTime() === b.occurredAt.getTime();

function errorOf(index: number, eventId: string | null, e: AppError): BatchResult {
  return { index, eventId, status: "error", error: { code: e.code, message: e.message, ...(e.fieldErrors ? { fieldErrors: e.fieldErrors } : {}) } };
}

/**
 * Records a batch of usage events, each on its own (one bad event refuses only itself), with
 * a bounded number of statements whatever the batch holds: one lookup of the resources, one
 * insert of every acceptable event (unnest, skipping ids already stored), and one lookup of
 * the skipped ones to tell a replay (`duplicate`) from another event under a used id
 * (IDEMPOTENCY_CONFLICT). An event is `accepted` only when this request's insert wrote it,
 * so a retried or concurrent batch acknowledges each event once. `accountId` scopes the
 * resources (null: a platform key, any account; each event counts under its resource's account).
 */
export async function recordUsageBatch(db: DbOrTx, accountId: string | null, events: readonly unknown[]): Promise<BatchResult[]> {
  if (events.length === 0 || events.length > MAX_BATCH) throw new AppError("VALIDATION", `Send 1 to ${MAX_BATCH} events.`);
  const results = new Array<BatchResult>(events.length);
  const parsed: { index: number; eventId: string; resourceId: string; quantity: bigint; occurredAt: Date }[] = [];
  for (let i = 0; i < events.length; i++) {
    const p = UsageEventSchema.safeParse(events[i]);
    const raw = events[i] as { eventId?: unknown } | null;
    if (!p.success) {
      const eventId = raw && typeof raw === "object" && typeof raw.eventId === "string" ? raw.eventId : null;
      results[i] = errorOf(i, eventId, new AppError("VALIDATION", "The event has invalid fields.", z.flattenError(p.error).fieldErrors as Record<string, string[]>));
      continue;
    }
    parsed.push({ index: i, eventId: p.data.eventId, resourceId: p.data.resourceId.toLowerCase(), quantity: BigInt(p.data.quantity), occurredAt: new Date(p.data.occurredAt) });
  }

  const found = new Map((await usageResources(db, [...new Set(parsed.map((e) => e.resourceId))])).map((r) => [r.id, r]));
  // The first acceptable event of each (account, event id) goes to the insert; a later one in the same batch is compared with it.
  const toInsert: (UsageRow & { index: number })[] = [];
  const first = new Map<string, UsageRow & { index: number }>();
  const repeats: (UsageRow & { index: number })[] = [];
  for (const e of parsed) {
    const r = found.get(e.resourceId);
    const refusal = usageRefusal(r, accountId);
    if (refusal || !r) {
      results[e.index] = errorOf(e.index, e.eventId, refusal ?? new AppError("NOT_FOUND", "Resource not found."));
      continue;
    }
    const row = { index: e.index, accountId: r.accountId, eventId: e.eventId, resourceId: r.id, quantity: e.quantity, occurredAt: e.occurredAt };
    const k = usageKey(row);
    if (first.has(k)) repeats.push(row);
    else {
      first.set(k, row);
      toInsert.push(row);
    }
  }

  const written = await insertUsageRows(db, toInsert);
  const skipped = toInsert.filter((r) => !written.has(usageKey(r)));
  const stored = await storedUsage(db, skipped);
  for (const row of toInsert) {
    const k = usageKey(row);
    if (written.has(k)) {
      results[row.index] = { index: row.index, eventId: row.eventId, status: "accepted" };
      continue;
    }
    const prior = stored.get(k);
    results[row.index] = prior && sameUsage(prior, row) ? { index: row.index, eventId: row.eventId, status: "duplicate" } : errorOf(row.index, row.eventId, new AppError("IDEMPOTENCY_CONFLICT", USAGE_ID_REUSED));
  }
  for (const row of repeats) {
    const k = usageKey(row);
    const winner = stored.get(k) ?? first.get(k)!;
    results[row.index] = sameUsage(winner, row) ? { index: row.index, eventId: row.eventId, status: "duplicate" } : errorOf(row.index, row.eventId, new AppError("IDEMPOTENCY_CONFLICT", USAGE_ID_REUSED));
  }
  return results;
}
