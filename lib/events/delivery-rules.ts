/**
 * The delivery rules the outbox, the staff console and the delivery job share. A plain
 * module (no "server-only"), so the worker run by tsx can import it too.
 */

/** How long a delivery is retried: from its queueing, and again from a resend or a replay. */
export const RETRY_WINDOW_MS = 3 * 24 * 3_600_000;

/** After a rotation the previous secret still signs for this long, so a receiver can switch over. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

/** The secrets that sign a request now: the current one, then the previous one while its overlap lasts. */
export function signingSecrets(e: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null }, now: Date): string[] {
  return e.previousSecret && e.previousSecretExpiresAt && e.previousSecretExpiresAt > now ? [e.secret, e.previousSecret] : [e.secret];
}
