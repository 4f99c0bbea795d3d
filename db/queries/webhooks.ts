import "server-only";
import { and, count, desc, eq, gt, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rows, col } from "@/db/rows";
import { pgArray } from "@/db/sql-arrays";
import { accounts, billingEvents, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { isUuid } from "./memberships";

const ENDPOINT = {
  id: webhookEndpoints.id,
  accountId: webhookEndpoints.accountId,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  eventTypes: webhookEndpoints.eventTypes,
  /** The last four characters only: pages show a hint, never the secret. */
  secretTail: sql<string>`right(${webhookEndpoints.secret}, 4)`,
  previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt,
  createdAt: webhookEndpoints.createdAt,
  disabledAt: webhookEndpoints.disabledAt,
};

export type EndpointSummary = Awaited<ReturnType<typeof listPlatformEndpoints>>[number];

/** The platform's endpoints (no account), newest first. */
export async function listPlatformEndpoints(db: DbOrTx) {
  return db.select(ENDPOINT).from(webhookEndpoints).where(isNull(webhookEndpoints.accountId)).orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
}

/** One endpoint (platform or an account's own), or null. */
export async function getEndpoint(db: DbOrTx, { id }: { id: string }) {
  if (!isUuid(id)) return null;
  const [row] = await db.select(ENDPOINT).from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row ?? null;
}

/** The endpoint's full row, secrets included, locked for a change: only for the rules that rotate or edit it. */
export async function lockEndpoint(tx: DbOrTx, { id }: { id: string }) {
  if (!isUuid(id)) return null;
  const [row] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).for("update");
  return row ?? null;
}

export const DELIVERY_STATUSES = ["pending", "delivered", "failed", "cancelled"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryFilter {
  endpointId: string;
  status?: DeliveryStatus;
  type?: string;
}

function deliveryWhere(f: DeliveryFilter): SQL | undefined {
  return and(eq(webhookDeliveries.endpointId, f.endpointId), f.status ? eq(webhookDeliveries.status, f.status) : undefined, f.type ? eq(billingEvents.type, f.type) : undefined);
}

export type DeliveryRow = Awaited<ReturnType<typeof listDeliveries>>["rows"][number];

/** An endpoint's deliveries, newest event first, one page of them and how many match. */
export async function listDeliveries(db: DbOrTx, f: DeliveryFilter & { page: number; pageSize: number }) {
  if (!isUuid(f.endpointId)) return { rows: [], total: 0 };
  const where = deliveryWhere(f);
  const [list, [total]] = await Promise.all([
    db
      .select({
        id: webhookDeliveries.id,
        eventSeq: webhookDeliveries.eventSeq,
        eventId: billingEvents.eventId,
        type: billingEvents.type,
        occurredAt: billingEvents.occurredAt,
        accountId: webhookDeliveries.accountId,
        accountName: accounts.name,
        status: webhookDeliveries.status,
        attempts: webhookDeliveries.attempts,
        lastStatusCode: webhookDeliveries.lastStatusCode,
        lastError: webhookDeliveries.lastError,
        lastLatencyMs: webhookDeliveries.lastLatencyMs,
        lastAttemptAt: webhookDeliveries.lastAttemptAt,
        nextAttemptAt: webhookDeliveries.nextAttemptAt,
      })
      .from(webhookDeliveries)
      .innerJoin(billingEvents, eq(billingEvents.seq, webhookDeliveries.eventSeq))
      .leftJoin(accounts, eq(accounts.id, webhookDeliveries.accountId))
      .where(where)
      .orderBy(desc(webhookDeliveries.eventSeq))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(webhookDeliveries).innerJoin(billingEvents, eq(billingEvents.seq, webhookDeliveries.eventSeq)).where(where),
  ]);
  return { rows: list, total: total?.n ?? 0 };
}

/** One delivery with its endpoint, or null. */
export async function getDelivery(db: DbOrTx, { id }: { id: string }) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ id: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId, accountId: webhookDeliveries.accountId, status: webhookDeliveries.status, attempts: webhookDeliveries.attempts, eventSeq: webhookDeliveries.eventSeq })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.id, id));
  return row ?? null;
}

/** Puts one delivery back to pending, due now, with a fresh retry window; its attempts are kept. */
export async function requeueDelivery(tx: DbOrTx, { id, now, retryUntil }: { id: string; now: Date; retryUntil: Date }) {
  const [row] = await tx
    .update(webhookDeliveries)
    .set({ status: "pending", nextAttemptAt: now, retryUntil })
    .where(eq(webhookDeliveries.id, id))
    .returning({ id: webhookDeliveries.id });
  return !!row;
}

/**
 * Queues (or puts back to pending) one chunk of an endpoint's deliveries for the events that
 * occurred in [from, to) of its types, and of its account when it has one: the events after
 * `afterSeq`, at most `limit` of them, in one INSERT … SELECT … ON CONFLICT. The unique
 * (event_seq, endpoint_id) index keeps one row per event however often a range is replayed.
 * Returns the chunk's last seq and size; fewer than `limit` means the range is done.
 */
export async function queueReplayChunk(
  tx: DbOrTx,
  q: { endpointId: string; accountId: string | null; types: readonly string[]; from: Date; to: Date; afterSeq: bigint; limit: number; now: Date; retryUntil: Date },
) {
  const [row] = await rows(
    tx,
    sql`
      with chosen as (
        select e.seq, e.account_id from billing_events e
        where e.seq > ${q.afterSeq.toString()}::bigint and e.occurred_at >= ${q.from.toISOString()}::timestamptz and e.occurred_at < ${q.to.toISOString()}::timestamptz
          and e.type = any(${pgArray(q.types, "text")})
          ${q.accountId ? sql`and e.account_id = ${q.accountId}::uuid` : sql``}
        order by e.seq
        limit ${q.limit}::int
      ), queued as (
        insert into webhook_deliveries (endpoint_id, event_seq, account_id, status, attempts, next_attempt_at, retry_until)
        select ${q.endpointId}::uuid, c.seq, c.account_id, 'pending', 0, ${q.now.toISOString()}::timestamptz, ${q.retryUntil.toISOString()}::timestamptz from chosen c
        on conflict (event_seq, endpoint_id) do update set status = 'pending', next_attempt_at = excluded.next_attempt_at, retry_until = excluded.retry_until
        returning event_seq
      )
      select count(*) as n, max(event_seq) as last from queued`,
    { n: col.int, last: col.bigintOrNull },
  );
  return { count: row?.n ?? 0, lastSeq: row?.last ?? null };
}

/**
 * Events in seq order for `GET /api/v1/events`: after `afterSeq`, of one account when given,
 * of the given types when given, at most `limit` rows.
 */
export async function listEventsAfter(db: DbOrTx, q: { accountId: string | null; afterSeq: bigint | null; types: readonly string[] | null; limit: number }) {
  return db
    .select({ seq: billingEvents.seq, eventId: billingEvents.eventId, accountId: billingEvents.accountId, type: billingEvents.type, version: billingEvents.version, body: billingEvents.body, occurredAt: billingEvents.occurredAt, createdAt: billingEvents.createdAt })
    .from(billingEvents)
    .where(
      and(
        q.accountId ? eq(billingEvents.accountId, q.accountId) : undefined,
        q.afterSeq !== null ? gt(billingEvents.seq, q.afterSeq) : undefined,
        q.types?.length ? inArray(billingEvents.type, [...q.types]) : undefined,
      ),
    )
    .orderBy(billingEvents.seq)
    .limit(q.limit);
}
