import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { col, rows } from "@/db/rows";
import { pgArray } from "@/db/sql-arrays";

/** What usage recording needs to know of a resource: whose it is, whether it still runs, whether it is metered. */
export interface UsageResource {
  id: string;
  accountId: string;
  status: string;
  metered: boolean;
}

/** The resources among `ids` (any account: the caller scopes), in one statement however many ids. */
export async function usageResources(db: DbOrTx, ids: readonly string[]): Promise<UsageResource[]> {
  if (ids.length === 0) return [];
  return rows(
    db,
    sql`select r.id, r.account_id, r.status, p.metered from resources r join products p on p.id = r.product_id where r.id = any(${pgArray(ids, "uuid")})`,
    { id: col.text, account_id: col.text, status: col.text, metered: col.bool },
  ).then((rs) => rs.map((r) => ({ id: r.id, accountId: r.account_id, status: r.status, metered: r.metered })));
}

export interface UsageRow {
  accountId: string;
  eventId: string;
  resourceId: string;
  quantity: bigint;
  occurredAt: Date;
}

const key = (accountId: string, eventId: string) => `${accountId}\u0000${eventId}`;
export const usageKey = (r: { accountId: string; eventId: string }) => key(r.accountId, r.eventId);

/** Rows to insert, a column each: row `i` is event `eventIds[i]` of resource `resourceIds[i]`, under that resource's account. */
export interface UsageColumns {
  eventIds: readonly string[];
  resourceIds: readonly string[];
  quantities: readonly (number | bigint)[];
  /** ISO 8601 instants (or Dates). */
  occurredAt: readonly (string | Date)[];
}

/**
 * Inserts the rows in ONE statement (one array parameter per column), each under its
 * resource's account; an (account, event id) already stored is skipped by the unique index.
 * The (account, event id) pairs must be distinct. Tells which rows this statement wrote:
 * only these were newly recorded, and they are durable once it returns. When it wrote them
 * all (the usual case) the answer is one short row, not a row per event.
 */
export async function insertUsageColumns(db: DbOrTx, c: UsageColumns): Promise<{ wrote: (accountId: string, eventId: string) => boolean }> {
  const n = c.eventIds.length;
  if (n === 0) return { wrote: () => false };
  // The account comes from the resource (the caller checked the pair), so the statement carries one uuid column less.
  const [row] = await rows(
    db,
    sql`with ins as (
        insert into usage_events (account_id, event_id, resource_id, quantity, occurred_at)
        select r.account_id, v.event_id, v.resource_id, v.quantity, v.occurred_at
        from unnest(${pgArray(c.eventIds, "text")}, ${pgArray(c.resourceIds, "uuid")}, ${pgArray(c.quantities, "bigint")}, ${pgArray(c.occurredAt, "timestamptz")})
          as v(event_id, resource_id, quantity, occurred_at)
        join resources r on r.id = v.resource_id
        on conflict (account_id, event_id) do nothing
        returning account_id, event_id)
      select (select count(*) from ins)::int as n,
        case when (select count(*) from ins) < ${n} then (select json_agg(json_build_array(account_id, event_id)) from ins) end as written`,
    { n: col.int, written: (v) => (typeof v === "string" ? JSON.parse(v) : v) as [string, string][] | null },
  );
  if (row?.n === n) return { wrote: () => true };
  const written = new Set((row?.written ?? []).map(([accountId, eventId]) => key(accountId, eventId)));
  return { wrote: (accountId, eventId) => written.has(key(accountId, eventId)) };
}

/** The stored events of these (account, event id) pairs, in one statement: what a replay is compared with. */
export async function storedUsage(db: DbOrTx, keys: readonly { accountId: string; eventId: string }[]): Promise<Map<string, UsageRow>> {
  if (keys.length === 0) return new Map();
  const found = await rows(
    db,
    sql`select u.account_id, u.event_id, u.resource_id, u.quantity, u.occurred_at from usage_events u
      join unnest(${pgArray(keys.map((k) => k.accountId), "uuid")}, ${pgArray(keys.map((k) => k.eventId), "text")}) as k(account_id, event_id)
        on u.account_id = k.account_id and u.event_id = k.event_id`,
    { account_id: col.text, event_id: col.text, resource_id: col.text, quantity: col.bigint, occurred_at: col.date },
  );
  return new Map(found.map((r) => [key(r.account_id, r.event_id), { accountId: r.account_id, eventId: r.event_id, resourceId: r.resource_id, quantity: r.quantity, occurredAt: r.occurred_at }]));
}
