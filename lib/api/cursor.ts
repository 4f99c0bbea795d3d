import { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * Opaque cursor pagination for API lists. A list is read in a fixed order (e.g. by time,
 * then id); a cursor is the position of the last row a page returned, as base64url JSON.
 * The next page is what comes strictly after it, so a row is listed once however the pages
 * are cut, and rows written meanwhile ahead of the position still appear. Clients treat the
 * cursor as opaque: its shape may change between versions.
 *
 * Usage: `const { limit, after } = pageQuery(url.searchParams, TimeIdPosition)`, query
 * `limit + 1` rows after `after`, then `page(rows, limit, (r) => ({ t: …, id: … }))`.
 */

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

/** A position in a list ordered by time, then by a bigint id (bigints travel as digits). */
export const TimeIdPosition = z.strictObject({ t: z.iso.datetime(), id: z.string().regex(/^[0-9]{1,19}$/) });
/** A position in a list ordered by time, then by a uuid. */
export const TimeUuidPosition = z.strictObject({ t: z.iso.datetime(), id: z.uuid() });
/**
 * A position in a list ordered by a row's creation time, then its uuid. The time is the
 * database's own microseconds as text (`…T10:00:00.123456Z`), never a JS Date: a millisecond
 * cursor would skip or repeat the rows written within the same millisecond.
 */
export const CreatedUuidPosition = z.strictObject({ created: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/), id: z.uuid() });
/** A position in a list ordered by a bigint sequence number. */
export const SeqPosition = z.strictObject({ seq: z.string().regex(/^[0-9]{1,19}$/) });
export type TimeId = z.infer<typeof TimeIdPosition>;

const LIMIT_MESSAGE = `limit must be a whole number from 1 to ${MAX_LIMIT}.`;
const CURSOR_MESSAGE = "cursor is not one this list returned; start again without it.";

export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), "utf8").toString("base64url");
}

/** The position a cursor names, or a 400 VALIDATION error when it is malformed or of another list. */
export function decodeCursor<S extends z.ZodType>(cursor: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,500}$/.test(cursor)) throw new Error("not base64url");
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new AppError("VALIDATION", CURSOR_MESSAGE, { cursor: [CURSOR_MESSAGE] });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError("VALIDATION", CURSOR_MESSAGE, { cursor: [CURSOR_MESSAGE] });
  return parsed.data;
}

/** `limit` (1–100, default 50) and the decoded `cursor` of a list request's query string. */
export function pageQuery<S extends z.ZodType>(query: URLSearchParams, schema: S): { limit: number; after: z.infer<S> | null } {
  const rawLimit = query.get("limit");
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== null) {
    if (!/^[0-9]{1,3}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > MAX_LIMIT) {
      throw new AppError("VALIDATION", LIMIT_MESSAGE, { limit: [LIMIT_MESSAGE] });
    }
    limit = Number(rawLimit);
  }
  const cursor = query.get("cursor");
  return { limit, after: cursor ? decodeCursor(cursor, schema) : null };
}

/**
 * One page from `limit + 1` rows read in list order: the extra row only says there is more.
 * `nextCursor` is the position of the page's last row, or null on the last page.
 */
export function page<T, P>(rows: T[], limit: number, positionOf: (row: T) => P): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null };
}
