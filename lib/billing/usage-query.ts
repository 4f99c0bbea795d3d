import { z } from "zod";
import { decodeCursor, encodeCursor, type UsageCursor, type UsageFilters } from "@/db/queries/usage-detail";
import { clockNow } from "@/lib/clock";
import { DaySchema as Day, flattenSearchParams } from "@/lib/http/query";
import { MAX_TAG_KEY, MAX_TAG_VALUE } from "./tags";
import { daysInMonth, fromWall, platformTimeZone, toWall } from "./time";

/**
 * The usage detail's query string, shared by the page, the resource page and the CSV export:
 * `?from=2026-11-01&to=2026-11-30&product=ecs.g7.large&region=…&mode=payg_hourly&resource=<id>&tag=team:ml&posting=<digest>&after=<cursor>`.
 */
export const UsageQuerySchema = z.object({
  from: Day.optional().catch(undefined),
  to: Day.optional().catch(undefined),
  product: z.string().max(100).optional().catch(undefined),
  region: z.string().max(100).optional().catch(undefined),
  mode: z.enum(["payg_hourly", "payg_daily"]).optional().catch(undefined),
  resource: z.uuid().optional().catch(undefined),
  tag: z.string().max(MAX_TAG_KEY + MAX_TAG_VALUE + 1).optional().catch(undefined),
  /** The digest of a billing batch's key: the charges behind one usage posting. */
  posting: z.string().regex(/^[0-9a-f]{32}$/).optional().catch(undefined),
  after: z.string().max(60).optional().catch(undefined),
  before: z.string().max(60).optional().catch(undefined),
});

export type UsageQuery = z.infer<typeof UsageQuerySchema>;

const pad = (n: number) => String(n).padStart(2, "0");

/** The first and last day of the month in progress at `now`, platform calendar. */
export function thisMonth(now = clockNow(), tz = platformTimeZone()): { from: string; to: string } {
  const w = toWall(now, tz);
  return { from: `${w.year}-${pad(w.month)}-01`, to: `${w.year}-${pad(w.month)}-${pad(daysInMonth(w.year, w.month))}` };
}

/** Midnight starting `day` ("YYYY-MM-DD") in the platform time zone; `plusDays` moves it on. */
function dayStart(day: string, plusDays = 0, tz = platformTimeZone()): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + plusDays));
  return fromWall({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0, second: 0, ms: 0 }, tz);
}

/** `key:value` or `key=value` (the first of either separates); null when it is not a tag. */
export function parseTagFilter(v: string | undefined): { key: string; value: string } | null {
  if (!v) return null;
  const at = v.search(/[:=]/);
  const key = (at < 0 ? v : v.slice(0, at)).trim();
  const value = at < 0 ? "" : v.slice(at + 1).trim();
  if (!key || key.length > MAX_TAG_KEY || value.length > MAX_TAG_VALUE) return null;
  return { key, value };
}

/**
 * Turns the query into filters for `accountId`. The period is whole days of the platform
 * calendar, both ends included, this month when none is given; a reversed period is
 * reported and replaced by this month rather than silently showing nothing, likewise a tag
 * that is not `key:value`.
 */
export function parseUsageQuery(accountId: string, sp: Record<string, string | string[] | undefined>, now = clockNow()) {
  const q = UsageQuerySchema.parse(flattenSearchParams(sp));
  const month = thisMonth(now);
  let fromDay = q.from ?? (q.to && q.to < month.from ? `${q.to.slice(0, 8)}01` : month.from);
  let toDay = q.to ?? (q.from && q.from > month.to ? q.from : month.to);
  const badPeriod = fromDay > toDay;
  if (badPeriod) ({ from: fromDay, to: toDay } = month);
  const tag = parseTagFilter(q.tag);
  const filters: UsageFilters = {
    accountId,
    fromDay,
    toDay,
    from: dayStart(fromDay),
    to: dayStart(toDay, 1),
    productId: q.product,
    region: q.region,
    billingMode: q.mode,
    resourceId: q.resource,
    tag: tag ?? undefined,
    postingKey: q.posting ? `billing:${accountId}:${q.posting}` : undefined,
  };
  const after: UsageCursor | null = decodeCursor(q.after);
  const before: UsageCursor | null = after ? null : decodeCursor(q.before);
  return { query: { ...q, from: fromDay, to: toDay }, filters, after, before, badPeriod, badTag: !!q.tag && !tag };
}

/** The calendar day of `t` in the platform time zone, "YYYY-MM-DD". */
export function platformDay(t: Date, tz = platformTimeZone()): string {
  const w = toWall(t, tz);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/**
 * Where a ledger posting's charges are listed: the usage detail filtered to its billing
 * batch on the day it was recorded (charges and their posting share one transaction, so
 * one instant); null for a posting that no batch of charges made.
 */
export function chargesOfPosting(accountId: string, idempotencyKey: string, createdAt: Date): string | null {
  const digest = postingDigest(accountId, idempotencyKey);
  if (!digest) return null;
  const day = platformDay(createdAt);
  return `/a/${accountId}/billing/usage?from=${day}&to=${day}&posting=${digest}`;
}

/** The digest of a usage posting's idempotency key (`billing:<account>:<digest>:cash` or `…:voucher:<id>`), else null. */
export function postingDigest(accountId: string, idempotencyKey: string): string | null {
  const m = /^billing:([0-9a-f-]{36}):([0-9a-f]{32}):(cash|voucher:.+)$/.exec(idempotencyKey);
  return m && m[1] === accountId ? m[2]! : null;
}

/**
 * The links under a page of the list at `href(extra)` (its own URL with its filters and the
 * extra keys): back to the newest page when this is not it, and to the pages either side.
 */
export function usagePageLinks(page: { newer: UsageCursor | null; older: UsageCursor | null }, href: (extra: Record<string, string>) => string, paged: boolean) {
  return {
    newest: paged && page.newer ? href({}) : null,
    newer: page.newer ? href({ before: encodeCursor(page.newer) }) : null,
    older: page.older ? href({ after: encodeCursor(page.older) }) : null,
  };
}
