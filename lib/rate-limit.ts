import { and, eq, like, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type ChunkLimits, deleteInChunks } from "@/db/delete-in-chunks";
import { rateLimits } from "@/db/schema";
import { clockNow } from "@/lib/clock";

/**
 * Fixed-window counter kept in the database, so every app instance sees the same
 * count. (rate-limiter-flexible's Postgres store needs the `pg` driver; we run on
 * postgres.js and PGlite, and one upsert is all this needs.)
 */
export async function hit(
  db: DbOrTx,
  key: string,
  opts: { limit: number; windowSeconds: number; now?: Date },
): Promise<{ allowed: boolean; count: number; retryAfterSeconds: number }> {
  const { windowStart, retryAfterSeconds } = fixedWindow(opts.now ?? clockNow(), opts.windowSeconds);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count });
  const count = row!.count;
  return { allowed: count <= opts.limit, count, retryAfterSeconds };
}

/** The fixed window `now` falls in, and the whole seconds until the next one begins. */
export function fixedWindow(now: Date, windowSeconds: number): { windowStart: Date; retryAfterSeconds: number } {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  return { windowStart, retryAfterSeconds: Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000) };
}

/** Takes back one hit of the current window (a sign-in that succeeded is not an attempt to guess). */
export async function forgive(db: DbOrTx, key: string, opts: { windowSeconds: number; now?: Date }): Promise<void> {
  const now = opts.now ?? clockNow();
  const windowMs = opts.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  await db
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, windowStart)));
}

/** A window is kept this long after it started; the longest window (sign-in) is an hour. */
export const RATE_LIMIT_KEEP_MS = 24 * 60 * 60 * 1000;
/** The API's one-second windows (`api:<keyId>`) are worth nothing after a minute, and a busy key makes 3,600 an hour. */
export const API_WINDOW_KEEP_MS = 60 * 1000;

/**
 * Drops windows past their keep time, a bounded number per call (the prune job runs it
 * hourly): the API keys' one-second windows after a minute, every other after a day.
 */
export async function pruneRateLimits(db: DbOrTx, now: Date, limits?: ChunkLimits): Promise<number> {
  const api = await deleteInChunks(db, rateLimits, and(like(rateLimits.key, "api:%"), lt(rateLimits.windowStart, new Date(now.getTime() - API_WINDOW_KEEP_MS))), limits);
  return api + (await deleteInChunks(db, rateLimits, lt(rateLimits.windowStart, new Date(now.getTime() - RATE_LIMIT_KEEP_MS)), limits));
}
