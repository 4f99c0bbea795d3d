import { clockNow } from "@/lib/clock";
import { and, eq, getTableColumns } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { accountBillingState, orders, products, resources } from "@/db/schema";
import { isUuid } from "@/db/queries/memberships";
import { notFound } from "@/lib/errors";
import { type Actor, releaseHold } from "@/lib/ledger";
import type { Resource } from "./activate";
import { chargeResources } from "./charge";
import { emitReleased } from "./events";
import { withTx } from "@/db/tx";

export interface ReleaseInput {
  accountId: string;
  resourceId: string;
  actor: Actor;
  now?: Date;
  /** Why: "user" (default), "overdue" (the lifecycle), "expired" (a subscription not renewed). */
  reason?: "user" | "overdue" | "expired";
}

/** Locks the account's billing state (as the billing run does), then the resource. */
export async function lockResource(tx: Tx, accountId: string, resourceId: string) {
  if (!isUuid(resourceId)) throw notFound("Resource not found.");
  await tx.insert(accountBillingState).values({ accountId }).onConflictDoNothing();
  await tx.select({ a: accountBillingState.accountId }).from(accountBillingState).where(eq(accountBillingState.accountId, accountId)).for("update");
  const [row] = await tx
    .select({ ...getTableColumns(resources), metered: products.metered })
    .from(resources)
    .innerJoin(products, eq(products.id, resources.productId))
    .where(and(eq(resources.id, resourceId), eq(resources.accountId, accountId)))
    .for("update", { of: resources });
  if (!row) throw notFound("Resource not found.");
  return row;
}

/**
 * Stops charging a running resource: charges what is due up to now (the increment in
 * progress in full), then sets its status. Used by release, by the overdue stop and by
 * subscription expiry; the caller holds the locks from lockResource.
 */
export async function chargeFinal(tx: Tx, row: Awaited<ReturnType<typeof lockResource>>, now: Date, actor: Actor) {
  if (row.status !== "running" || row.billingMode === "subscription") return { gross: 0n, discount: 0n };
  const r = await chargeResources(tx, [row], { until: now, final: new Set([row.id]), maxIncrements: 100_000, maxCharges: 100_000, actor });
  return r.totals.get(row.id) ?? { gross: 0n, discount: 0n };
}

/**
 * Releases a resource: charges what is due (the last increment in full), gives the hold
 * back (or offsets it against what the account owes: the ledger's release does that) and
 * marks it released. Releasing twice is harmless; another account's resource is not found.
 */
export async function releaseResource(db: DbOrTx, input: ReleaseInput): Promise<Resource> {
  const now = input.now ?? clockNow();
  return withTx(db, async (tx) => {
    const row = await lockResource(tx, input.accountId, input.resourceId);
    if (row.status === "released" || row.status === "expired") {
      const { metered: _m, ...resource } = row;
      return resource;
    }
    const final = await chargeFinal(tx, row, now, input.actor);
    if (row.holdId) await releaseHold(tx, { holdId: row.holdId, accountId: input.accountId, actor: input.actor, label: row.name });
    const status = input.reason === "expired" ? "expired" : "released";
    const [resource] = await tx
      .update(resources)
      .set({ status, releasedAt: now, stoppedAt: row.stoppedAt ?? now, updatedAt: now })
      .where(eq(resources.id, row.id))
      .returning();
    await tx
      .insert(orders)
      .values({
        accountId: input.accountId, type: "release", resourceId: row.id, productId: row.productId, quantity: row.quantity, gross: final.gross, discount: final.discount,
        net: final.gross - final.discount, requestKey: `release:${row.id}`, createdByUserId: input.actor.userId ?? null, actorKind: input.actor.kind, createdAt: now,
      })
      .onConflictDoNothing();
    await emitReleased(tx, resource!, input.reason ?? "user", now);
    return resource!;
  });
}
