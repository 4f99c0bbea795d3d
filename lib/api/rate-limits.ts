import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { withTx } from "@/db/tx";
import { hit } from "@/lib/rate-limit";
import type { ApiKeyKind } from "./keys";

/**
 * Requests per second per API key, counted in the database (lib/rate-limit.ts, one-second
 * fixed windows) so every app instance shares the count. A platform key carries a whole
 * platform's traffic, so it gets more. Override with API_RATE_LIMIT_ACCOUNT /
 * API_RATE_LIMIT_PLATFORM (a whole number of requests per second).
 */
export const API_RATE_LIMITS: Record<ApiKeyKind, number> = { account: 50, platform: 200 };

const ENV: Record<ApiKeyKind, string> = { account: "API_RATE_LIMIT_ACCOUNT", platform: "API_RATE_LIMIT_PLATFORM" };

export function apiRateLimit(kind: ApiKeyKind): number {
  const raw = process.env[ENV[kind]]?.trim();
  const n = raw && /^\d{1,7}$/.test(raw) ? Number(raw) : NaN;
  return n >= 1 ? n : API_RATE_LIMITS[kind];
}

/** Counts one request of the key; over the limit, how many whole seconds to wait (at least 1). */
export async function apiRateLimitHit(db: DbOrTx, key: { keyId: string; kind: ApiKeyKind }, now?: Date): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number; limit: number }> {
  const limit = apiRateLimit(key.kind);
  // Every request of a key updates the same row, so its lock is held until the commit: without
  // waiting for the WAL flush the next request gets it at once. A count lost to a crash only
  // lets a few requests more through in that one second, and no money depends on it.
  const r = await withTx(db, async (tx) => {
    await tx.execute(sql`set local synchronous_commit = off`);
    return hit(tx, `api:${key.keyId}`, { limit, windowSeconds: 1, now });
  });
  return r.allowed ? { allowed: true } : { allowed: false, limit, retryAfterSeconds: Math.max(1, r.retryAfterSeconds) };
}
