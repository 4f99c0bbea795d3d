import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { col, rows } from "@/db/rows";
import { pgArray } from "@/db/sql-arrays";
import { AppError } from "@/lib/errors";
import { toDecimalString } from "@/lib/money";
import { EVENT_DATA, EVENT_VERSION, type EventData, type ResourceJson } from "./catalogue";
import { RETRY_WINDOW_MS } from "./delivery-rules";
import type { EventType } from "./types";

/** Events per statement in the bulk form: one array parameter per column, so the statement's size is fixed; this bounds its work. */
export const EMIT_CHUNK = 1_000;

export interface EmitInput<T extends EventType = EventType> {
  accountId: string;
  type: T;
  data: EventData<T>;
  occurredAt: Date;
  /** What makes this change this change (a resource id, a payment id, …): the same key is the same event. */
  key: string;
}

/** The receiver's dedup id: derived from the type, account and key, so a retried change writes it once. */
export function eventId(type: EventType, accountId: string, key: string): string {
  return `evt_${createHash("sha256").update(`${type}\n${accountId}\n${key}`).digest("hex").slice(0, 32)}`;
}

/** The body exactly as it is stored and signed. */
export function eventBody(e: EmitInput): { id: string; body: string } {
  const parsed = EVENT_DATA[e.type].safeParse(e.data);
  if (!parsed.success) throw new AppError("VALIDATION", `Event ${e.type} has invalid data: ${parsed.error.message}`);
  const id = eventId(e.type, e.accountId, e.key);
  const envelope: Record<string, unknown> = { id, type: e.type, apiVersion: EVENT_VERSION[e.type], createdAt: e.occurredAt.toISOString(), accountId: e.accountId, data: parsed.data };
  if (e.type === "balance.low") Object.assign(envelope, legacyBalanceLow(e as EmitInput<"balance.low">));
  return { id, body: JSON.stringify(envelope) };
}

/** The top-level fields the alert webhook sent before the catalogue (see LegacyBalanceLowSchema). */
function legacyBalanceLow(e: EmitInput<"balance.low">) {
  const dec = (m: string) => toDecimalString(BigInt(m), { minDecimals: 6 });
  return { created: Math.floor(e.occurredAt.getTime() / 1000), account_id: e.accountId, available: dec(e.data.available.micros), threshold: dec(e.data.threshold.micros), currency: "USD", reminder: e.data.reminder };
}

/**
 * Writes events and queues their deliveries in one statement, inside the caller's
 * transaction: the event exists exactly when its change commits. An event already written
 * (a retried change, same key) is left alone and queues nothing again. Each new event gets a
 * pending delivery for every enabled endpoint subscribed to its type: every platform
 * endpoint, and the account's own. Any number of events: one statement per EMIT_CHUNK.
 * Returns how many events were new.
 */
export async function emitEvents(db: DbOrTx, events: readonly EmitInput[]): Promise<number> {
  let written = 0;
  for (let from = 0; from < events.length; from += EMIT_CHUNK) {
    const chunk = events.slice(from, from + EMIT_CHUNK).map((e) => ({ ...e, ...eventBody(e) }));
    const at = chunk.map((e) => e.occurredAt);
    const [res] = await rows(db, sql`
      with input as (
        select * from unnest(${pgArray(chunk.map((e) => e.id), "text")}, ${pgArray(chunk.map((e) => e.accountId), "uuid")}, ${pgArray(chunk.map((e) => e.type), "text")},
          ${pgArray(chunk.map((e) => EVENT_VERSION[e.type]), "int")}, ${pgArray(chunk.map((e) => e.body), "text")}, ${pgArray(at, "timestamptz")})
          with ordinality as t(event_id, account_id, type, version, body, occurred_at, n)
      ), ev as (
        insert into billing_events (event_id, account_id, type, version, body, occurred_at, created_at)
        select event_id, account_id, type, version, body, occurred_at, occurred_at from input order by n
        on conflict (event_id) do nothing
        returning seq, account_id, type, occurred_at
      ), queued as (
        insert into webhook_deliveries (endpoint_id, event_seq, account_id, status, next_attempt_at, retry_until, created_at)
        select w.id, ev.seq, ev.account_id, 'pending', ev.occurred_at, ev.occurred_at + ${RETRY_WINDOW_MS} * interval '1 millisecond', ev.occurred_at
        from ev join webhook_endpoints w on w.disabled_at is null and ev.type = any(w.event_types) and (w.account_id is null or w.account_id = ev.account_id)
        on conflict (event_seq, endpoint_id) do nothing
      )
      select count(*)::int as n from ev`, { n: col.int });
    written += res?.n ?? 0;
  }
  return written;
}

/** One event, in the caller's transaction (see emitEvents). Returns whether it was new. */
export async function emitEvent<T extends EventType>(db: DbOrTx, e: EmitInput<T>): Promise<boolean> {
  return (await emitEvents(db, [e as EmitInput])) === 1;
}

/** A resource as events carry it. */
export function resourceJson(r: { id: string; accountId: string; productId: string; name: string; externalId: string | null; status: ResourceJson["status"] }): ResourceJson {
  return { id: r.id, accountId: r.accountId, productId: r.productId, name: r.name, externalId: r.externalId, status: r.status };
}
