import { and, asc, desc, eq, isNotNull, isNull, notInArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alertSettings, alertThresholds, billingEvents, lowFundsEpisodes, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { audit } from "@/lib/audit";
import { withTx } from "@/db/tx";
import { clockNow } from "@/lib/clock";
import type { Micros } from "@/lib/money";
import { newWebhookSecret, secretHint } from "./signature";
import { ROTATION_OVERLAP_MS } from "@/lib/events/delivery-rules";
import type { AlertSettingsValues } from "./validation";

export interface AlertSettingsView {
  enabled: boolean;
  thresholds: Micros[];
  webhookUrl: string | null;
  /** `whsec_…abcd`, never the secret itself. */
  secretHint: string | null;
  /** Thresholds the account is in a reminder episode for right now. */
  openEpisodes: { threshold: Micros; startedAt: Date; sentCount: number; lastSentAt: Date | null }[];
}

export async function getAlertSettings(db: DbOrTx, { accountId }: { accountId: string }): Promise<AlertSettingsView> {
  const [row] = await db.select().from(alertSettings).where(eq(alertSettings.accountId, accountId));
  const thresholds = await db.select({ amount: alertThresholds.amount }).from(alertThresholds).where(eq(alertThresholds.accountId, accountId)).orderBy(asc(alertThresholds.amount));
  const open = await db
    .select({ threshold: lowFundsEpisodes.threshold, startedAt: lowFundsEpisodes.startedAt, sentCount: lowFundsEpisodes.sentCount, lastSentAt: lowFundsEpisodes.lastSentAt })
    .from(lowFundsEpisodes)
    .where(and(eq(lowFundsEpisodes.accountId, accountId), isNull(lowFundsEpisodes.closedAt)))
    .orderBy(asc(lowFundsEpisodes.threshold));
  return {
    enabled: row?.enabled ?? false,
    thresholds: thresholds.map((t) => t.amount),
    webhookUrl: row?.webhookUrl ?? null,
    secretHint: row?.webhookSecret ? secretHint(row.webhookSecret) : null,
    openEpisodes: open,
  };
}

/** The account's latest events to its own webhook and how their delivery went, newest first. */
export async function listWebhookEvents(db: DbOrTx, { accountId, limit = 5 }: { accountId: string; limit?: number }) {
  return db
    .select({
      eventId: billingEvents.eventId,
      type: billingEvents.type,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      createdAt: webhookDeliveries.createdAt,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(billingEvents, eq(billingEvents.seq, webhookDeliveries.eventSeq))
    .where(and(eq(webhookEndpoints.accountId, accountId), eq(webhookDeliveries.accountId, accountId)))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.eventSeq))
    .limit(limit);
}

/** The alert webhook's events: what the account's own endpoint subscribes to. */
export const ALERT_WEBHOOK_EVENTS = ["balance.low"];

/**
 * Keeps the account's own webhook endpoint (lib/events delivers through it) in step with its
 * alert settings, which stay the source of truth: a URL upserts it with the current secret,
 * no URL disables it (its pending deliveries are then cancelled, not sent). `previous` is the
 * secret that keeps signing beside the new one after a rotation, "keep" leaves a running
 * overlap as it is (a save that changes no secret), null ends it (a new first secret).
 */
async function syncAlertEndpoint(
  tx: DbOrTx,
  endpoint: { accountId: string; url: string | null; secret: string | null; userId: string; now: Date; previous: { secret: string; until: Date } | null | "keep" },
) {
  const { accountId, url, secret, userId, now, previous } = endpoint;
  if (url && secret) {
    const overlap = previous === "keep" ? {} : { previousSecret: previous?.secret ?? null, previousSecretExpiresAt: previous?.until ?? null };
    await tx
      .insert(webhookEndpoints)
      .values({ accountId, url, description: "alert webhook", eventTypes: ALERT_WEBHOOK_EVENTS, secret, createdByUserId: userId, createdAt: now, ...overlap })
      .onConflictDoUpdate({ target: webhookEndpoints.accountId, targetWhere: isNotNull(webhookEndpoints.accountId), set: { url, secret, disabledAt: null, ...overlap } });
  } else {
    await tx.update(webhookEndpoints).set({ disabledAt: now }).where(and(eq(webhookEndpoints.accountId, accountId), isNull(webhookEndpoints.disabledAt)));
  }
}

/** Locks the account's settings row (creating it off), as the reminder job does. */
async function lockSettings(tx: DbOrTx, accountId: string, now: Date) {
  await tx.insert(alertSettings).values({ accountId, updatedAt: now }).onConflictDoNothing();
  const [row] = await tx.select().from(alertSettings).where(eq(alertSettings.accountId, accountId)).for("update");
  return row!;
}

/**
 * Saves the alert as the form left it, audited with what changed. A first webhook URL gets
 * a signing secret, returned here once so the page can show it; a removed URL drops the
 * secret. Episodes of thresholds that are gone, or of a switched-off alert, are closed so
 * their reminders stop at once.
 */
export async function saveAlertSettings(
  db: DbOrTx,
  input: AlertSettingsValues & { accountId: string; userId: string; ip?: string | null; now?: Date },
): Promise<{ newSecret: string | null }> {
  const now = input.now ?? clockNow();
  return withTx(db, async (tx) => {
    const before = await lockSettings(tx, input.accountId, now);
    const old = (await tx.select({ amount: alertThresholds.amount }).from(alertThresholds).where(eq(alertThresholds.accountId, input.accountId))).map((r) => r.amount);
    const newSecret = input.webhookUrl && !before.webhookSecret ? newWebhookSecret() : null;
    await syncAlertEndpoint(tx, {
      accountId: input.accountId, url: input.webhookUrl, secret: input.webhookUrl ? (newSecret ?? before.webhookSecret) : null, userId: input.userId, now, previous: newSecret ? null : "keep",
    });
    await tx
      .update(alertSettings)
      .set({
        enabled: input.enabled,
        webhookUrl: input.webhookUrl,
        webhookSecret: input.webhookUrl ? (newSecret ?? before.webhookSecret) : null,
        updatedAt: now,
        updatedByUserId: input.userId,
      })
      .where(eq(alertSettings.accountId, input.accountId));
    if (input.thresholds.length) {
      await tx.delete(alertThresholds).where(and(eq(alertThresholds.accountId, input.accountId), notInArray(alertThresholds.amount, input.thresholds)));
      await tx
        .insert(alertThresholds)
        .values(input.thresholds.map((amount) => ({ accountId: input.accountId, amount, createdAt: now })))
        .onConflictDoNothing();
    } else {
      await tx.delete(alertThresholds).where(eq(alertThresholds.accountId, input.accountId));
    }
    await closeEpisodes(tx, input.accountId, now, input.enabled ? input.thresholds : []);
    await audit(tx, {
      actorKind: "user",
      actorUserId: input.userId,
      ip: input.ip ?? null,
      accountId: input.accountId,
      action: "alerts.update",
      targetType: "account",
      targetId: input.accountId,
      data: {
        before: { enabled: before.enabled, thresholds: old.sort((a, b) => (a < b ? -1 : 1)), webhookUrl: before.webhookUrl },
        after: { enabled: input.enabled, thresholds: input.thresholds, webhookUrl: input.webhookUrl },
        secretIssued: !!newSecret,
      },
    });
    return { newSecret };
  });
}

/**
 * A new signing secret for the account's webhook, returned once; the old one keeps signing
 * beside it for ROTATION_OVERLAP_MS (24 hours), as a platform endpoint's does, so the
 * receiver can switch without missing a delivery.
 */
export async function rotateWebhookSecret(db: DbOrTx, input: { accountId: string; userId: string; ip?: string | null; now?: Date }): Promise<{ newSecret: string } | null> {
  const now = input.now ?? clockNow();
  return withTx(db, async (tx) => {
    const row = await lockSettings(tx, input.accountId, now);
    if (!row.webhookUrl) return null;
    const newSecret = newWebhookSecret();
    await tx.update(alertSettings).set({ webhookSecret: newSecret, updatedAt: now, updatedByUserId: input.userId }).where(eq(alertSettings.accountId, input.accountId));
    const previous = row.webhookSecret ? { secret: row.webhookSecret, until: new Date(now.getTime() + ROTATION_OVERLAP_MS) } : null;
    await syncAlertEndpoint(tx, { accountId: input.accountId, url: row.webhookUrl, secret: newSecret, userId: input.userId, now, previous });
    await audit(tx, { actorKind: "user", actorUserId: input.userId, ip: input.ip ?? null, accountId: input.accountId, action: "alerts.webhook_secret.rotate", targetType: "account", targetId: input.accountId, data: { webhookUrl: row.webhookUrl } });
    return { newSecret };
  });
}

/** Closes open episodes whose threshold is not in `keep`: switched off ("disabled") or removed from the list ("removed"). */
export async function closeEpisodes(tx: DbOrTx, accountId: string, now: Date, keep: Micros[]) {
  const open = await tx.select().from(lowFundsEpisodes).where(and(eq(lowFundsEpisodes.accountId, accountId), isNull(lowFundsEpisodes.closedAt)));
  const [settings] = await tx.select({ enabled: alertSettings.enabled }).from(alertSettings).where(eq(alertSettings.accountId, accountId));
  for (const ep of open) {
    if (keep.includes(ep.threshold)) continue;
    await tx
      .update(lowFundsEpisodes)
      .set({ closedAt: now, closeReason: settings?.enabled ? "removed" : "disabled" })
      .where(eq(lowFundsEpisodes.id, ep.id));
  }
}
