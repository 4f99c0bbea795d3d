import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { insertUsageColumns, storedUsage, type UsageResource, type UsageRow, usageKey, usageResources } from "@/db/queries/usage";
import { AppError, type ErrorCode } from "@/lib/errors";
import { USAGE_ID_REUSED, UsageEventSchema, type UsageEventInput, usageRefusal } from "./usage";

export const MAX_BATCH = 1_000;

/** The batch body: 1 to 1,000 events; each one is validated on its own, so one bad event names its index. */
export const UsageBatchSchema = z.object({ events: z.array(z.unknown()).min(1, "Send at least one event.").max(MAX_BATCH, `At most ${MAX_BATCH} events a request.`) });

/** The events all at once: one parse for a batch that is all good, the usual case. */
const UsageEventsSchema = z.array(UsageEventSchema);

export type BatchResult =
  | { index: number; eventId: string | null; status: "accepted" | "duplicate" }
  | { index: number; eventId: string | null; status: "error"; error: { code: ErrorCode; message: string; fieldErrors?: Record<string, string[]> } };

function errorOf(index: number, eventId: string | null, e: AppError): BatchResult {
  return { index, eventId, status: "error", error: { code: e.code, message: e.message, ...(e.fieldErrors ? { fieldErrors: e.fieldErrors } : {}) } };
}

/**
 * The instant as the statement sends it. A UTC time to the millisecond ("…T10:00:00Z",
 * "…T10:00:00.250Z", already checked as a date-time) is sent as written: PostgreSQL reads the
 * same instant from it as Date does. Anything else (an offset, digits past the millisecond)
 * goes through Date, as the single endpoint's does, so both store the same instant.
 */
const instant = (iso: string) => (iso.length <= 24 && iso.endsWith("Z") ? iso : new Date(Date.parse(iso)).toISOString());

/** What a replay must match: the resource, the quantity and the instant (however written). */
interface Usage {
  resourceId: string;
  quantity: number;
  occurredAt: string;
}
const sameUsage = (a: Usage, b: Usage) => a.resourceId === b.resourceId && a.quantity === b.quantity && Date.parse(a.occurredAt) === Date.parse(b.occurredAt);
const sameAsStored = (prior: UsageRow, e: Usage) => prior.resourceId === e.resourceId && prior.quantity === BigInt(e.quantity) && prior.occurredAt.getTime() === Date.parse(e.occurredAt);

/**
 * Records a batch of usage events, each on its own (one bad event refuses only itself), with
 * a bounded number of statements whatever the batch holds: one lookup of the resources, one
 * insert of every acceptable event (unnest, skipping ids already stored), and, only when it
 * skipped some, one lookup of those to tell a replay (`duplicate`) from another event under
 * a used id (IDEMPOTENCY_CONFLICT). An event is `accepted` only when this request's insert
 * wrote it, so a retried or concurrent batch acknowledges each event once. `accountId`
 * scopes the resources (null: a platform key, any account; each event counts under its
 * resource's account).
 *
 * The rows travel as columns (arrays of strings and numbers), not as an object per event:
 * a thousand events in flight per request, on several requests at once, are what the
 * garbage collector has to copy.
 */
export async function recordUsageBatch(db: DbOrTx, accountId: string | null, events: readonly unknown[]): Promise<BatchResult[]> {
  if (events.length === 0 || events.length > MAX_BATCH) throw new AppError("VALIDATION", `Send 1 to ${MAX_BATCH} events.`);
  const results = new Array<BatchResult>(events.length);
  const valid = validEvents(events, results);

  // The batch's distinct resources, each looked up (and judged) once.
  const resourceIds: string[] = [];
  const resourceOf = new Map<string, number>();
  const eventResource = new Array<number>(events.length);
  for (let i = 0; i < valid.length; i++) {
    const e = valid[i];
    if (!e) continue;
    const id = e.resourceId.toLowerCase();
    let at = resourceOf.get(id);
    if (at === undefined) {
      at = resourceIds.length;
      resourceOf.set(id, at);
      resourceIds.push(id);
    }
    eventResource[i] = at;
  }
  const found = new Map((await usageResources(db, resourceIds)).map((r) => [r.id, r]));
  // Per distinct resource: its place in `usable`, or why it takes no usage.
  const usable: UsageResource[] = [];
  const verdict = resourceIds.map((id): number | AppError => {
    const r = found.get(id);
    const refusal = usageRefusal(r, accountId);
    if (refusal || !r) return refusal ?? new AppError("NOT_FOUND", "Resource not found.");
    usable.push(r);
    return usable.length - 1;
  });

  // The first acceptable event of each (account, event id) goes to the insert; a later one in the same batch is compared with it.
  const rows = { index: [] as number[], eventIds: [] as string[], resourceIds: [] as string[], resourceAt: [] as number[], quantities: [] as number[], occurredAt: [] as string[] };
  const firstById = new Map<string, number>();
  let firstByKey: Map<string, number> | undefined; // an event id used under several accounts of one batch (a platform key)
  const repeats: { index: number; first: number; resource: number }[] = [];
  for (let i = 0; i < valid.length; i++) {
    const e = valid[i];
    if (!e) continue;
    const v = verdict[eventResource[i]!]!;
    if (typeof v !== "number") {
      results[i] = errorOf(i, e.eventId, v);
      continue;
    }
    const account = usable[v]!.accountId;
    const seen = firstById.get(e.eventId);
    const first = seen === undefined ? undefined : usable[rows.resourceAt[seen]!]!.accountId === account ? seen : firstByKey?.get(usageKey({ accountId: account, eventId: e.eventId }));
    if (first !== undefined) {
      repeats.push({ index: i, first, resource: v });
      continue;
    }
    const at = rows.index.length;
    if (seen === undefined) firstById.set(e.eventId, at);
    else (firstByKey ??= new Map()).set(usageKey({ accountId: account, eventId: e.eventId }), at);
    rows.index.push(i);
    rows.eventIds.push(e.eventId);
    rows.resourceIds.push(usable[v]!.id);
    rows.resourceAt.push(v);
    rows.quantities.push(e.quantity);
    rows.occurredAt.push(instant(e.occurredAt));
  }

  const { wrote } = await insertUsageColumns(db, rows);
  const accountOf = (at: number) => usable[rows.resourceAt[at]!]!.accountId;
  const keyOf = (at: number) => ({ accountId: accountOf(at), eventId: rows.eventIds[at]! });
  const usageOf = (at: number): Usage => ({ resourceId: rows.resourceIds[at]!, quantity: rows.quantities[at]!, occurredAt: rows.occurredAt[at]! });
  const written = rows.eventIds.map((eventId, at) => wrote(accountOf(at), eventId));
  const stored = await storedUsage(db, written.flatMap((w, at) => (w ? [] : [keyOf(at)])));
  for (let at = 0; at < rows.index.length; at++) {
    const index = rows.index[at]!;
    const eventId = rows.eventIds[at]!;
    if (written[at]) {
      results[index] = { index, eventId, status: "accepted" };
      continue;
    }
    const prior = stored.get(usageKey(keyOf(at)));
    results[index] = prior && sameAsStored(prior, usageOf(at)) ? { index, eventId, status: "duplicate" } : errorOf(index, eventId, new AppError("IDEMPOTENCY_CONFLICT", USAGE_ID_REUSED));
  }
  for (const { index, first, resource } of repeats) {
    const e = valid[index]!;
    const mine: Usage = { resourceId: usable[resource]!.id, quantity: e.quantity, occurredAt: e.occurredAt };
    const prior = written[first] ? undefined : stored.get(usageKey(keyOf(first)));
    const same = prior ? sameAsStored(prior, mine) : sameUsage(usageOf(first), mine);
    results[index] = same ? { index, eventId: e.eventId, status: "duplicate" } : errorOf(index, e.eventId, new AppError("IDEMPOTENCY_CONFLICT", USAGE_ID_REUSED));
  }
  return results;
}

/**
 * The events that pass validation, by index (undefined where one does not, its error result
 * set): the whole array in one parse, and only when that fails, each event on its own to
 * name its fields.
 */
function validEvents(events: readonly unknown[], results: BatchResult[]): (UsageEventInput | undefined)[] {
  const all = UsageEventsSchema.safeParse(events);
  if (all.success) return all.data;
  return events.map((event, i) => {
    const p = UsageEventSchema.safeParse(event);
    if (p.success) return p.data;
    const raw = event as { eventId?: unknown } | null;
    const eventId = raw && typeof raw === "object" && typeof raw.eventId === "string" ? raw.eventId : null;
    results[i] = errorOf(i, eventId, new AppError("VALIDATION", "The event has invalid fields.", z.flattenError(p.error).fieldErrors as Record<string, string[]>));
    return undefined;
  });
}
