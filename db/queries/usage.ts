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

/**
 * Inserts the rows in ONE statement (one array parameter per column), each under its resource's
 * account (`accountId` must be it); an (account, event id) already stored is skipped by the
 * unique index. Returns the keys this statement wrote: only
 * these were newly recorded, and they are durable once the statement returns.
 */
export async function insertUsageRows(db: DbOrTx, input: readonly UsageRow[]): Promise<Set<string>> {
  if (input.length === 0) return new Set();
  const written = await rows(
    db,
    // The account comes from the resource (the caller checked the pair), so the statement carries one uuid column less.
    sql`insert into usage_events (account_id, event_id, resource_id, quantity, occurred_at)
      select r.account_id, v.event_id, v.resource_id, v.quantity, v.occurred_at
      from unnest(${pgArray(input.map((r) => r.eventId), "text")}, ${pgArray(input.map((r) => r.resourceId), "uuid")},
        ${pgArray(input.map((r) => r.quantity), "bigint")}, ${pgArray(input.map((r) => r.occurredAt), "timestamptz")}) as v(event_id, resource_id, quantity, occurred_at)
      join resources r on r.id = v.resource_id
      on conflict (account_id, event_id) do nothing
      returning account_id, event_id`,
    { account_id: col.text, event_id: col.text },
  );
  return new Set(written.map((r) => key(r.account_id, r.event_id)));
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
