// Schedule: every 10 seconds inside the app and in `npm run worker`.
import { and, asc, eq, inArray, lte, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { issueRequestedLinks } from "@/lib/auth/sign-in";
import { clockNow } from "@/lib/clock";
import { configuredTransport, type EmailTransport } from "@/lib/email/transport";

const MAX_ATTEMPTS = 8;

/** Exponential backoff: 1 min, 2, 4 … capped at 2 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1) * 60_000, 2 * 60 * 60_000);
}

/**
 * Sends due emails. Rows are claimed with SKIP LOCKED, so any number of instances may
 * run this at once and each email is handed to the provider by one of them (`accountIds` limits
 * it to those accounts' emails, as the other jobs do for tests and staff); the
 * provider's idempotency key covers a crash between its answer and our commit.
 */
export async function deliverEmails(db: Db, opts: { now?: Date; batch?: number; transport?: EmailTransport; accountIds?: string[] } = {}) {
  const now = opts.now ?? clockNow();
  // Sign-in link requests are queued (see requestMagicLink): their emails leave in this
  // tick. A failure there is logged and retried next tick, and holds back no other email.
  await issueRequestedLinks(db, { now }).catch((e) => console.error("email delivery: could not issue the requested sign-in links", e));
  const transport = opts.transport ?? configuredTransport();
  let sent = 0;
  let failed = 0;
  await db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, now), opts.accountIds ? inArray(emailOutbox.accountId, opts.accountIds) : undefined))
      .orderBy(asc(emailOutbox.createdAt))
      .limit(opts.batch ?? 50)
      .for("update", { skipLocked: true });
    for (const email of due) {
      // A staff resend is a new send: the provider must not answer it from its idempotency cache.
      const result = await transport.send({ ...email, idempotencyKey: email.resends ? `${email.idempotencyKey}:resend-${email.resends}` : email.idempotencyKey });
      if (result.ok) {
        sent++;
        await tx
          .update(emailOutbox)
          .set({ status: transport.kind === "local" ? "kept_local" : "sent", sentAt: now, providerMessageId: result.id, attempts: sql`${emailOutbox.attempts} + 1`, lastError: null })
          .where(eq(emailOutbox.id, email.id));
      } else {
        failed++;
        const attempts = email.attempts + 1;
        await tx
          .update(emailOutbox)
          .set({
            attempts,
            lastError: result.error.slice(0, 500),
            status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
            nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
          })
          .where(eq(emailOutbox.id, email.id));
      }
    }
  });
  return { sent, failed };
}

/**
 * Staff "resend": puts a failed or delivered email back in the queue for a fresh round of
 * attempts, under a new provider idempotency key. An email already waiting is left alone
 * (false): a second click before it goes out does not send it twice.
 */
export async function requeueEmail(db: DbOrTx, id: string, now = clockNow()): Promise<boolean> {
  const rows = await db
    .update(emailOutbox)
    .set({ status: "pending", nextAttemptAt: now, lastError: null, attempts: 0, resends: sql`${emailOutbox.resends} + 1` })
    .where(and(eq(emailOutbox.id, id), ne(emailOutbox.status, "pending")))
    .returning({ id: emailOutbox.id });
  return rows.length > 0;
}
