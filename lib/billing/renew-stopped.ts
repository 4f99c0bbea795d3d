import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { isUuid } from "@/db/queries/memberships";
import { resources } from "@/db/schema";
import { withTx } from "@/db/tx";
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/ledger";
import { termEnd, type TermMonths } from "./cycle";
import type { Resource } from "./activate";
import { emitResumed } from "./events";
import { LAPSE_BATCH, LAPSE_STOP_HOURS, lapsedWhere, releaseAtOf } from "./lapse";
import { lockResource } from "./release";
import { payRenewal, renewalPrice } from "./renewal";

/**
 * Renewing a subscription stopped at expiry, within its 72 hours: one more term at the renewal
 * price, counted from the old expiry (Zenlayer's rule: terms stay back to back, the stopped
 * hours are part of the new term), paid under the same key the job would have used
 * (renew:<id>:<expiry>), so a term is never paid twice whichever path renews it.
 */
const HOUR = 3_600_000;
const SYSTEM: Actor = { kind: "system" };

export interface RenewalPreview {
  resourceId: string;
  termMonths: TermMonths;
  gross: bigint;
  discount: bigint;
  /** What is charged now: one more term at the renewal price. */
  price: bigint;
  /** The new term runs from the old expiry to this. */
  newExpiresAt: Date;
  /** Released then unless renewed. */
  releaseAt: Date;
  available: bigint;
  /** Available funds cover the price. */
  affordable: boolean;
}

function renewable(r: Pick<Resource, "status" | "stoppedReason" | "billingMode" | "stoppedAt" | "expiresAt">, now: Date): asserts r is typeof r & { stoppedAt: Date; expiresAt: Date } {
  if (r.billingMode !== "subscription" || r.status !== "stopped" || r.stoppedReason !== "expiry" || !r.stoppedAt || !r.expiresAt) {
    throw new AppError("CONFLICT", "Only a subscription stopped at its expiry can be renewed here; this one is not stopped.");
  }
  if (releaseAtOf(r.stoppedAt) <= now) throw new AppError("CONFLICT", "This subscription was stopped more than 72 hours ago and is being released; it can no longer be renewed.");
}

/** The price and dates of renewing a stopped subscription, read-only. Another account's resource is not found. */
export async function previewRenewal(db: DbOrTx, accountId: string, resourceId: string, now: Date): Promise<RenewalPreview> {
  if (!isUuid(resourceId)) throw notFound("Resource not found.");
  const [r] = await db.select().from(resources).where(and(eq(resources.id, resourceId), eq(resources.accountId, accountId)));
  if (!r) throw notFound("Resource not found.");
  renewable(r, now);
  const priced = await renewalPrice(db, r);
  const { available } = await getBalances(db, { accountId });
  return {
    resourceId: r.id, termMonths: r.termMonths as TermMonths, gross: priced.gross, discount: priced.discount, price: priced.net,
    newExpiresAt: termEnd(r.expiresAt, r.termMonths as TermMonths), releaseAt: releaseAtOf(r.stoppedAt), available, affordable: available >= priced.net,
  };
}

/** The preview for a page: null unless the resource is a subscription stopped at expiry still within its 72 hours. */
export async function lapsedPreview(db: DbOrTx, r: Pick<Resource, "id" | "accountId" | "status" | "stoppedReason">, now: Date): Promise<RenewalPreview | null> {
  if (r.status !== "stopped" || r.stoppedReason !== "expiry") return null;
  return previewRenewal(db, r.accountId, r.id, now).catch((e: unknown) => {
    if (e instanceof AppError) return null;
    throw e;
  });
}

/** Pays the new term and resumes (resource.resumed); the caller holds the row lock and has checked renewable(). */
async function renewAndResume(tx: DbOrTx, row: Resource, now: Date, actor: Actor) {
  const paid = await payRenewal(tx, row, now, actor);
  const [resumed] = await tx.update(resources).set({ status: "running", stoppedAt: null, stoppedReason: null, updatedAt: now }).where(eq(resources.id, row.id)).returning();
  await emitResumed(tx, [resumed!], now);
  return { resource: resumed!, order: paid.order, price: paid.price };
}

/**
 * The Renew action (console and API): pays one more term of a subscription stopped at expiry
 * and resumes it. Refused with INSUFFICIENT_FUNDS when available funds cannot cover it, with
 * CONFLICT when it is not stopped (a second click after the first renewed it) or its 72
 * hours are over; nothing changes then.
 */
export async function renewStopped(db: DbOrTx, input: { accountId: string; resourceId: string; actor: Actor; now: Date }) {
  return withTx(db, async (tx) => {
    const row = await lockResource(tx, input.accountId, input.resourceId);
    const { metered: _m, ...r } = row;
    renewable(r, input.now);
    return renewAndResume(tx, r, input.now, input.actor);
  });
}

/**
 * Renews and resumes the stopped subscriptions with auto-renew on whose funds now cover them
 * (after a payment, and on each subscriptions job run), oldest stop first, each in its own
 * transaction under its row lock; one that funds do not cover stays stopped. Bounded: the
 * account's (or accounts') stopped subscriptions in batches of LAPSE_BATCH. Returns the ids.
 */
export async function renewStoppedAutoRenew(db: DbOrTx, now: Date, accountIds?: string[]): Promise<string[]> {
  const renewed: string[] = [];
  const after = new Date(now.getTime() - LAPSE_STOP_HOURS * HOUR);
  let cursor: { at: Date; id: string } | null = null;
  for (;;) {
    const page: { id: string; accountId: string; stoppedAt: Date | null }[] = await db
      .select({ id: resources.id, accountId: resources.accountId, stoppedAt: resources.stoppedAt })
      .from(resources)
      .where(
        and(
          lapsedWhere(accountIds), eq(resources.autoRenew, true), gt(resources.stoppedAt, after),
          cursor ? sql`(${resources.stoppedAt}, ${resources.id}) > (${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(resources.stoppedAt), asc(resources.id))
      .limit(LAPSE_BATCH);
    for (const p of page) {
      try {
        await withTx(db, async (tx) => {
          const row = await lockResource(tx, p.accountId, p.id);
          const { metered: _m, ...r } = row;
          if (r.status !== "stopped" || r.stoppedReason !== "expiry" || !r.autoRenew || !r.stoppedAt || releaseAtOf(r.stoppedAt) <= now) return;
          await renewAndResume(tx, r, now, SYSTEM);
          renewed.push(r.id);
        });
      } catch (e) {
        if (!(e instanceof AppError && e.code === "INSUFFICIENT_FUNDS")) throw e;
      }
    }
    if (page.length < LAPSE_BATCH) return renewed;
    const last = page[page.length - 1]!;
    cursor = { at: last.stoppedAt!, id: last.id };
  }
}
