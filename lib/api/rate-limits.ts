import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { col, rows } from "@/db/rows";
import { clockNow } from "@/lib/clock";
import { fixedWindow } from "@/lib/rate-limit";
import { type ApiKeyAuth, type ApiKeyKind, bearerKeyHash, keyAuth } from "./keys";

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

/** A keyed request: null for a malformed, unknown, revoked or expired key (401); otherwise the key, and whether this second's limit lets it through. */
export type ApiKeyRequest = null | { auth: ApiKeyAuth; allowed: true } | { auth: ApiKeyAuth; allowed: false; retryAfterSeconds: number; limit: number };

/**
 * Looks the bearer key up and counts one request of it, in ONE autocommit statement: the
 * key by its hash; if it is live, this second's count of `api:<key id>` (lib/rate-limit.ts's
 * rows, so every instance shares it) and its last use to the minute. A revoked key fails
 * the very next request, as nothing is cached.
 *
 * Every request of a key updates the same count row and holds its lock until the commit,
 * so the statement commits without waiting for the WAL flush (set_config(…, true) holds
 * for this statement's own transaction only), and no round trip to the app lies between
 * taking the lock and the commit: concurrent requests of a platform do not queue behind
 * each other. A count lost to a crash only lets a few more requests through in that one
 * second, and no money depends on it.
 */
export async function apiKeyRequest(db: DbOrTx, bearer: string | null, now: Date = clockNow()): Promise<ApiKeyRequest> {
  const hash = bearerKeyHash(bearer);
  if (!hash) return null;
  const { windowStart, retryAfterSeconds } = fixedWindow(now, 1);
  const at = now.toISOString();
  const [row] = await rows(
    db,
    sql`with k as (select id, kind, account_id, key_hash, revoked_at, expires_at from api_keys where key_hash = ${hash}),
      live as (select id from k where revoked_at is null and (expires_at is null or expires_at > ${at}::timestamptz)),
      counted as (
        insert into rate_limits (key, window_start, count)
        select 'api:' || live.id, ${windowStart.toISOString()}::timestamptz, 1
        from live cross join (select set_config('synchronous_commit', 'off', true) as sc) s where s.sc = 'off'
        on conflict (key, window_start) do update set count = rate_limits.count + 1
        returning count),
      used as (update api_keys set last_used_at = ${at}::timestamptz where id in (select id from live) and (last_used_at is null or last_used_at < ${at}::timestamptz - interval '60 seconds'))
      select k.id, k.kind, k.account_id, k.key_hash, k.revoked_at, k.expires_at, (select count from counted) as count from k`,
    { id: col.text, kind: col.text, account_id: col.textOrNull, key_hash: col.text, revoked_at: col.dateOrNull, expires_at: col.dateOrNull, count: col.intOrNull },
  );
  const auth = row ? keyAuth({ id: row.id, kind: row.kind as ApiKeyKind, accountId: row.account_id, keyHash: row.key_hash, revokedAt: row.revoked_at, expiresAt: row.expires_at }, hash, now) : null;
  if (!auth || row?.count == null) return null;
  const limit = apiRateLimit(auth.kind);
  return row.count <= limit ? { auth, allowed: true } : { auth, allowed: false, limit, retryAfterSeconds: Math.max(1, retryAfterSeconds) };
}
