// Schedule: every 30 seconds inside the app and in `npm run worker`.
import { and, asc, eq, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alertSettings, webhookOutbox } from "@/db/schema";
import { SIGNATURE_HEADER, signatureHeader } from "@/lib/alerts/signature";
import { webhookUrlError } from "@/lib/alerts/validation";
import { clockNow } from "@/lib/clock";
import { retryDelayMs } from "./deliver-emails";

export const WEBHOOK_MAX_ATTEMPTS = 8;
const TIMEOUT_MS = 10_000;

export type WebhookPost = (url: string, init: { headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<{ status: number }>;

const defaultPost: WebhookPost = async (url, init) => {
  const res = await fetch(url, { method: "POST", headers: init.headers, body: init.body, signal: init.signal, redirect: "manual" });
  await res.body?.cancel().catch(() => {});
  return { status: res.status };
};

/** How long a claimed event is left alone before another instance may take it (a crash mid-post). */
const LEASE_MS = 5 * 60_000;

/**
 * Posts due webhook events, each signed at the attempt with the account's current secret
 * (`Billing-Signature: t=…,v1=…`, see docs/alerts.md). Any 2xx is delivered; anything else,
 * a timeout or a refused connection is retried with backoff (1 min, 2, 4 … 2 h), at most 8
 * times. Events are claimed first (SKIP LOCKED, then a short lease) and posted outside any
 * transaction, so a slow receiver never holds the database; a crash mid-post means the
 * event is posted again after the lease, which is why receivers dedupe by event id.
 * An event whose account has since removed its webhook is cancelled, not sent.
 */
export async function deliverWebhooks(db: Db, opts: { now?: Date; batch?: number; post?: WebhookPost } = {}) {
  const now = opts.now ?? clockNow();
  const post = opts.post ?? defaultPost;
  let delivered = 0;
  let failed = 0;
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ event: webhookOutbox, url: alertSettings.webhookUrl, secret: alertSettings.webhookSecret })
      .from(webhookOutbox)
      .leftJoin(alertSettings, eq(alertSettings.accountId, webhookOutbox.accountId))
      .where(and(eq(webhookOutbox.status, "pending"), lte(webhookOutbox.nextAttemptAt, now)))
      .orderBy(asc(webhookOutbox.createdAt))
      .limit(opts.batch ?? 20)
      .for("update", { of: webhookOutbox, skipLocked: true });
    for (const { event, url, secret } of due) {
      const cancel = !url || !secret || !!webhookUrlError(url);
      await tx
        .update(webhookOutbox)
        .set(cancel ? { status: "cancelled", lastError: "webhook removed" } : { nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
        .where(eq(webhookOutbox.id, event.id));
    }
    return due.filter((d) => d.url && d.secret && !webhookUrlError(d.url)) as { event: typeof webhookOutbox.$inferSelect; url: string; secret: string }[];
  });
  for (const { event, url, secret } of claimed) {
    const attempts = event.attempts + 1;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const headers = {
        "content-type": "application/json",
        "user-agent": "BillingCenter-Webhooks/1",
        "billing-event-id": event.eventId,
        [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(secret, event.body, Math.floor(now.getTime() / 1000)),
      };
      status = (await post(url, { headers, body: event.body, signal: AbortSignal.timeout(TIMEOUT_MS) })).status;
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      error = (e instanceof Error ? e.message : String(e)).slice(0, 300);
    }
    if (!error) {
      delivered++;
      await db.update(webhookOutbox).set({ status: "delivered", url, attempts, lastStatusCode: status, lastError: null, deliveredAt: now }).where(eq(webhookOutbox.id, event.id));
    } else {
      failed++;
      await db
        .update(webhookOutbox)
        .set({
          url,
          attempts,
          lastStatusCode: status,
          lastError: error,
          status: attempts >= WEBHOOK_MAX_ATTEMPTS ? "failed" : "pending",
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
        })
        .where(eq(webhookOutbox.id, event.id));
    }
  }
  return { delivered, failed };
}
