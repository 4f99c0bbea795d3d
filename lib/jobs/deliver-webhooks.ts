// Schedule: every 30 seconds inside the app and in `npm run worker`.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { col, rows } from "@/db/rows";
import { pgArray } from "@/db/sql-arrays";
import { SIGNATURE_HEADER, signatureHeaderAll } from "@/lib/alerts/signature";
import { webhookUrlError } from "@/lib/alerts/validation";
import { clockNow, wallClockMs } from "@/lib/clock";
import { signingSecrets } from "@/lib/events/delivery-rules";

const TIMEOUT_MS = 10_000;
/** How long a claimed delivery is left alone before another instance may take it (a crash mid-post). */
const LEASE_MS = 5 * 60_000;
/** Deliveries claimed per round; a run takes a few rounds, so an account's backlog drains in order. */
const BATCH = 50;
const ROUNDS = 5;

/** Backoff after the n-th failed attempt: 1 min, 2, 4 … capped at 1 hour. */
export function webhookRetryDelayMs(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1) * 60_000, 3_600_000);
}

export type WebhookPost = (url: string, init: { headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<{ status: number }>;

const defaultPost: WebhookPost = async (url, init) => {
  // Redirects are not followed: a 3xx is an answer (not a 2xx, so retried), never a second request elsewhere.
  const res = await fetch(url, { method: "POST", headers: init.headers, body: init.body, signal: init.signal, redirect: "manual" });
  await res.body?.cancel().catch(() => {});
  return { status: res.status };
};

const claimedShape = {
  id: col.text, attempts: col.int, retry_until: col.date, url: col.text, secret: col.text, previous_secret: col.textOrNull, previous_secret_expires_at: col.dateOrNull,
  disabled: col.bool, event_id: col.text, type: col.text, body: col.text,
};

/**
 * Claims due deliveries (SKIP LOCKED, then a lease), in order per endpoint and account: a
 * delivery waits while an earlier event of the same endpoint and account is still pending,
 * so a receiver sees an account's events in order. Deliveries to a disabled endpoint (or
 * one whose URL is no longer allowed) are cancelled.
 */
async function claim(db: Db, now: Date, limit: number, accountIds?: string[]) {
  const scope = accountIds ? sql`and d.account_id = any(${pgArray(accountIds, "uuid")})` : sql``;
  return db.transaction(async (tx) => {
    const due = await rows(
      tx,
      sql`with due as (
          select d.id from webhook_deliveries d
          where d.status = 'pending' and d.next_attempt_at <= ${now.toISOString()}::timestamptz
            and not exists (select 1 from webhook_deliveries p where p.endpoint_id = d.endpoint_id and p.account_id = d.account_id and p.status = 'pending' and p.event_seq < d.event_seq)
            ${scope}
          order by d.next_attempt_at, d.event_seq
          limit ${limit}
          for update of d skip locked
        )
        update webhook_deliveries d set next_attempt_at = ${new Date(now.getTime() + LEASE_MS).toISOString()}::timestamptz
        from due, webhook_endpoints w, billing_events e
        where d.id = due.id and w.id = d.endpoint_id and e.seq = d.event_seq
        returning d.id::text as id, d.attempts, d.retry_until, w.url, w.secret, w.previous_secret, w.previous_secret_expires_at, (w.disabled_at is not null) as disabled, e.event_id, e.type, e.body`,
      claimedShape,
    );
    const cancel = due.filter((d) => d.disabled || webhookUrlError(d.url));
    if (cancel.length) {
      await tx.execute(sql`update webhook_deliveries set status = 'cancelled', last_error = 'endpoint disabled or removed'
        where id = any(${pgArray(cancel.map((d) => d.id), "uuid")})`);
    }
    return due.filter((d) => !cancel.includes(d));
  });
}

type Claimed = Awaited<ReturnType<typeof claim>>[number];
interface Outcome { id: string; status: "pending" | "delivered" | "failed"; attempts: number; code: number | null; error: string | null; latency: number; next: Date }

async function attempt(d: Claimed, now: Date, post: WebhookPost): Promise<Outcome> {
  const secrets = signingSecrets({ secret: d.secret, previousSecret: d.previous_secret, previousSecretExpiresAt: d.previous_secret_expires_at }, now);
  const headers = {
    "content-type": "application/json",
    "user-agent": "BillingCenter-Webhooks/1",
    "billing-event-id": d.event_id,
    "billing-event-type": d.type,
    [SIGNATURE_HEADER.toLowerCase()]: signatureHeaderAll(secrets, d.body, Math.floor(now.getTime() / 1000)),
  };
  const attempts = d.attempts + 1;
  const started = wallClockMs();
  let code: number | null = null;
  let error: string | null = null;
  try {
    code = (await post(d.url, { headers, body: d.body, signal: AbortSignal.timeout(TIMEOUT_MS) })).status;
    if (code < 200 || code >= 300) error = `HTTP ${code}`;
  } catch (e) {
    error = (e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e)).slice(0, 300);
  }
  const latency = Math.max(0, Math.round(wallClockMs() - started));
  if (!error) return { id: d.id, status: "delivered", attempts, code, error, latency, next: now };
  const next = new Date(now.getTime() + webhookRetryDelayMs(attempts));
  return { id: d.id, status: next > d.retry_until ? "failed" : "pending", attempts, code, error, latency, next };
}

/** The outcomes of a round in one statement (one array per column). */
async function record(db: Db, now: Date, out: Outcome[]) {
  if (!out.length) return;
  const at = now.toISOString();
  await db.execute(sql`update webhook_deliveries d set
      status = o.status::delivery_status, attempts = o.attempts, last_status_code = o.code, last_error = o.error, last_latency_ms = o.latency,
      last_attempt_at = ${at}::timestamptz, next_attempt_at = o.next,
      delivered_at = case when o.status = 'delivered' then ${at}::timestamptz else d.delivered_at end
    from unnest(${pgArray(out.map((o) => o.id), "uuid")}, ${pgArray(out.map((o) => o.status), "text")}, ${pgArray(out.map((o) => o.attempts), "int")},
      ${pgArray(out.map((o) => o.code), "int")}, ${pgArray(out.map((o) => o.error), "text")}, ${pgArray(out.map((o) => o.latency), "int")}, ${pgArray(out.map((o) => o.next), "timestamptz")})
      as o(id, status, attempts, code, error, latency, next)
    where d.id = o.id`);
}

/**
 * Posts due event deliveries (lib/events/emit.ts queues them), each signed at the attempt
 * (`Billing-Signature: t=…,v1=…`, the previous secret's v1 too during a rotation's overlap).
 * Posted outside any transaction, so a slow receiver never holds the database; a crash
 * mid-post means the event is posted again after the lease, which is why receivers dedupe
 * by event id. Any 2xx is delivered; anything else, a timeout (10 s) or a refused connection
 * is retried after 1 min, 2, 4 … at most 1 h apart, until the delivery's retry_until (3 days
 * after queueing), then failed; a failed delivery no longer holds back the account's later
 * events. A run takes at most ROUNDS rounds of `batch`; `accountIds` scopes it (as the other jobs).
 */
export async function deliverWebhooks(db: Db, opts: { now?: Date; batch?: number; rounds?: number; post?: WebhookPost; accountIds?: string[] } = {}) {
  const now = opts.now ?? clockNow();
  const post = opts.post ?? defaultPost;
  let delivered = 0;
  let failed = 0;
  for (let round = 0; round < (opts.rounds ?? ROUNDS); round++) {
    const claimed = await claim(db, now, opts.batch ?? BATCH, opts.accountIds);
    if (!claimed.length) break;
    const out = await Promise.all(claimed.map((d) => attempt(d, now, post)));
    await record(db, now, out);
    for (const o of out) if (o.status === "delivered") delivered++; else failed++;
  }
  return { delivered, failed };
}
