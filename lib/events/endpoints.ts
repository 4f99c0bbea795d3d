import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { getDelivery, lockEndpoint, queueReplayChunk, requeueDelivery } from "@/db/queries/webhooks";
import { webhookEndpoints } from "@/db/schema";
import { withTx } from "@/db/tx";
import { webhookUrlError } from "@/lib/alerts/validation";
import { newWebhookSecret } from "@/lib/alerts/signature";
import { audit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { RETRY_WINDOW_MS, ROTATION_OVERLAP_MS } from "./delivery-rules";
import { EVENT_TYPES } from "./types";

/** Events a replay statement queues at most: a range of any size is a bounded number of bounded statements. */
export const REPLAY_CHUNK = 1000;

export const EndpointTypes = z.array(z.enum(EVENT_TYPES)).min(1, "webhooks.errors.types").max(EVENT_TYPES.length);
export const EndpointDescription = z.string().trim().max(200, "webhooks.errors.description");

export interface Actor {
  userId: string;
  ip: string | null;
}

/** https (or local http where allowed), as the alert webhook; a VALIDATION error naming the url field otherwise. */
function checkUrl(raw: string): string {
  const url = raw.trim();
  const error = url.length > 500 ? "alerts.errors.webhookUrl" : webhookUrlError(url);
  if (error) throw new AppError("VALIDATION", "Please correct the highlighted fields.", { url: [error] });
  return url;
}

/** A platform endpoint with a new signing secret, returned once: only its last characters are shown again. */
export async function createPlatformEndpoint(db: DbOrTx, input: { url: string; description: string; eventTypes: readonly string[]; actor: Actor; now: Date }) {
  const url = checkUrl(input.url);
  const secret = newWebhookSecret();
  const eventTypes = [...new Set(input.eventTypes)];
  return withTx(db, async (tx) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ url, description: input.description, eventTypes, secret, createdByUserId: input.actor.userId, createdAt: input.now })
      .returning({ id: webhookEndpoints.id });
    await audit(tx, { actorKind: "staff", actorUserId: input.actor.userId, ip: input.actor.ip, action: "webhook_endpoint.create", targetType: "webhook_endpoint", targetId: row!.id, data: { url, description: input.description, eventTypes } });
    return { id: row!.id, secret };
  });
}

/** A platform endpoint locked for a change, or NOT_FOUND (an account's own endpoint is its owners' to change). */
async function lockPlatformEndpoint(tx: DbOrTx, id: string) {
  const row = await lockEndpoint(tx, { id });
  if (!row || row.accountId !== null) throw new AppError("NOT_FOUND", "Not found.");
  return row;
}

/** New types and description; deliveries already queued stay as they are. */
export async function updatePlatformEndpoint(db: DbOrTx, input: { id: string; description: string; eventTypes: readonly string[]; actor: Actor }) {
  const eventTypes = [...new Set(input.eventTypes)];
  return withTx(db, async (tx) => {
    const before = await lockPlatformEndpoint(tx, input.id);
    await tx.update(webhookEndpoints).set({ description: input.description, eventTypes }).where(eq(webhookEndpoints.id, before.id));
    await audit(tx, {
      actorKind: "staff",
      actorUserId: input.actor.userId,
      ip: input.actor.ip,
      action: "webhook_endpoint.update",
      targetType: "webhook_endpoint",
      targetId: before.id,
      data: { before: { description: before.description, eventTypes: before.eventTypes }, after: { description: input.description, eventTypes } },
    });
    return { id: before.id };
  });
}

/** A new secret, returned once; the old one keeps signing alongside it for ROTATION_OVERLAP_MS. */
export async function rotateEndpointSecret(db: DbOrTx, input: { id: string; actor: Actor; now: Date }) {
  const secret = newWebhookSecret();
  const previousSecretExpiresAt = new Date(input.now.getTime() + ROTATION_OVERLAP_MS);
  return withTx(db, async (tx) => {
    const before = await lockPlatformEndpoint(tx, input.id);
    await tx.update(webhookEndpoints).set({ secret, previousSecret: before.secret, previousSecretExpiresAt }).where(eq(webhookEndpoints.id, before.id));
    await audit(tx, { actorKind: "staff", actorUserId: input.actor.userId, ip: input.actor.ip, action: "webhook_endpoint.rotate_secret", targetType: "webhook_endpoint", targetId: before.id, data: { url: before.url, previousSecretExpiresAt } });
    return { id: before.id, secret, previousSecretExpiresAt };
  });
}

/** Disables (the delivery job cancels what is queued for it and nothing new is queued) or enables again. */
export async function setEndpointDisabled(db: DbOrTx, input: { id: string; disabled: boolean; actor: Actor; now: Date }) {
  return withTx(db, async (tx) => {
    const before = await lockPlatformEndpoint(tx, input.id);
    if ((before.disabledAt !== null) === input.disabled) return { id: before.id, changed: false };
    await tx.update(webhookEndpoints).set({ disabledAt: input.disabled ? input.now : null }).where(eq(webhookEndpoints.id, before.id));
    await audit(tx, { actorKind: "staff", actorUserId: input.actor.userId, ip: input.actor.ip, action: input.disabled ? "webhook_endpoint.disable" : "webhook_endpoint.enable", targetType: "webhook_endpoint", targetId: before.id, data: { url: before.url } });
    return { id: before.id, changed: true };
  });
}

function refuseDisabled(e: { disabledAt: Date | null }) {
  if (e.disabledAt) throw new AppError("CONFLICT", "This endpoint is disabled: enable it first.");
}

/** One delivery back to pending, due now, with a new 3-day retry window; its attempts are kept. */
export async function resendDelivery(db: DbOrTx, input: { id: string; actor: Actor; now: Date }) {
  return withTx(db, async (tx) => {
    const delivery = await getDelivery(tx, { id: input.id });
    if (!delivery) throw new AppError("NOT_FOUND", "Not found.");
    const endpoint = await lockEndpoint(tx, { id: delivery.endpointId });
    if (!endpoint) throw new AppError("NOT_FOUND", "Not found.");
    refuseDisabled(endpoint);
    await requeueDelivery(tx, { id: delivery.id, now: input.now, retryUntil: new Date(input.now.getTime() + RETRY_WINDOW_MS) });
    await audit(tx, {
      actorKind: "staff",
      actorUserId: input.actor.userId,
      ip: input.actor.ip,
      accountId: delivery.accountId,
      action: "webhook_delivery.resend",
      targetType: "webhook_delivery",
      targetId: delivery.id,
      data: { endpointId: endpoint.id, eventSeq: delivery.eventSeq, previousStatus: delivery.status, attempts: delivery.attempts },
    });
    return { id: delivery.id };
  });
}

/**
 * Queues again every event that occurred in [from, to) of the endpoint's types (and, for an
 * account's endpoint, of its account alone): a new delivery where there was none, the existing
 * one back to pending otherwise, so a replay run twice still leaves one delivery per event.
 * Chunked by seq, each chunk its own short transaction (the endpoint locked, still enabled):
 * a range of a million events never holds one transaction open while deliveries go on, and a
 * replay cut short is finished by running it again. One audit record, with what it queued.
 */
export async function replayRange(db: DbOrTx, input: { endpointId: string; from: Date; to: Date; actor: Actor; now: Date }) {
  if (!(input.from < input.to)) throw new AppError("VALIDATION", "Please correct the highlighted fields.", { to: ["webhooks.errors.range"] });
  const retryUntil = new Date(input.now.getTime() + RETRY_WINDOW_MS);
  let queued = 0;
  let afterSeq = 0n;
  for (let done = false; !done; ) {
    await withTx(db, async (tx) => {
      const endpoint = await lockEndpoint(tx, { id: input.endpointId });
      if (!endpoint) throw new AppError("NOT_FOUND", "Not found.");
      refuseDisabled(endpoint);
      const chunk = await queueReplayChunk(tx, { endpointId: endpoint.id, accountId: endpoint.accountId, types: endpoint.eventTypes, from: input.from, to: input.to, afterSeq, limit: REPLAY_CHUNK, now: input.now, retryUntil });
      queued += chunk.count;
      if (chunk.count < REPLAY_CHUNK || chunk.lastSeq === null) {
        done = true;
        await audit(tx, {
          actorKind: "staff",
          actorUserId: input.actor.userId,
          ip: input.actor.ip,
          accountId: endpoint.accountId,
          action: "webhook_delivery.replay",
          targetType: "webhook_endpoint",
          targetId: endpoint.id,
          data: { from: input.from, to: input.to, queued },
        });
      } else {
        afterSeq = chunk.lastSeq;
      }
    });
  }
  return { queued };
}
