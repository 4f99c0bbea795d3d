import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { listBillingContacts } from "@/db/queries/memberships";
import { accounts, resources } from "@/db/schema";
import { pgArray } from "@/db/sql-arrays";
import { withTx } from "@/db/tx";
import type { TemplateName } from "@/emails";
import { sendEmail } from "@/lib/email/send";
import { appUrl } from "@/lib/env";
import type { Actor } from "@/lib/ledger";
import { formatMoney } from "@/lib/money";
import type { Resource } from "./activate";
import { emitExpired, emitStopped } from "./events";
import { OVERDUE_STOP_HOURS } from "./overdue";
import { lockResource, releaseResource } from "./release";

/**
 * A subscription that lapses (Zenlayer's rule: no protection period) is stopped at its expiry
 * when it cannot renew (auto-renew off, or funds short of the renewal price), kept stopped for
 * 72 hours, in which it can be renewed, and then released. Each step is emailed to the billing
 * contacts. Renewal of a stopped subscription is lib/billing/renew-stopped.ts.
 */
export const LAPSE_STOP_HOURS = OVERDUE_STOP_HOURS;
const HOUR = 3_600_000;
const SYSTEM: Actor = { kind: "system" };
/** Stopped subscriptions released per statement: the job loops over batches of this size. */
export const LAPSE_BATCH = 200;

export const releaseAtOf = (stoppedAt: Date) => new Date(stoppedAt.getTime() + LAPSE_STOP_HOURS * HOUR);

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

type Step = "stopped" | "released";
const TEMPLATE: Record<Step, TemplateName> = { stopped: "subscription-stopped", released: "subscription-released" };

/** One email per step, term and recipient (the key says which), in each recipient's language. */
async function emailStep(tx: Tx, r: Resource, step: Step, expiresAt: Date, price: bigint) {
  const [account] = await tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, r.accountId));
  const stoppedAt = r.stoppedAt ?? expiresAt;
  for (const c of await listBillingContacts(tx, { accountId: r.accountId })) {
    await sendEmail(tx, {
      to: c.email,
      locale: c.locale,
      template: TEMPLATE[step],
      props: {
        name: c.name, account: account?.name ?? "", resource: r.name, price: formatMoney(price, c.locale), autoRenew: r.autoRenew,
        stoppedAt: utc(stoppedAt), releaseAt: utc(releaseAtOf(stoppedAt)), url: `${appUrl()}/a/${r.accountId}/resources/${r.id}`,
      },
      idempotencyKey: `subscription-${step}:${r.id}:${expiresAt.toISOString()}:${c.userId}`,
      accountId: r.accountId,
    });
  }
}

/**
 * Stops a subscription that could not renew, at its expiry (the caller holds the row lock
 * from lockResource and has checked it is due): status stopped, stopped_reason expiry,
 * resource.stopped (reason expiry, releaseAt = expiry + 72 h), subscription.expired, and the
 * "stopped, released in 72 hours unless renewed" email. Nothing is charged while stopped.
 */
export async function stopLapsed(tx: Tx, row: Resource, price: bigint): Promise<Resource> {
  const expiresAt = row.expiresAt!;
  const [stopped] = await tx
    .update(resources)
    .set({ status: "stopped", stoppedAt: expiresAt, stoppedReason: "expiry", updatedAt: expiresAt })
    .where(eq(resources.id, row.id))
    .returning();
  await emitStopped(tx, stopped!, expiresAt, releaseAtOf(expiresAt), "expiry");
  await emitExpired(tx, stopped!, expiresAt);
  await emailStep(tx, stopped!, "stopped", expiresAt, price);
  return stopped!;
}

/** The predicate of a subscription stopped at expiry (optionally of these accounts). */
export function lapsedWhere(accountIds?: string[]) {
  return and(
    eq(resources.status, "stopped"),
    eq(resources.stoppedReason, "expiry"),
    accountIds ? sql`${resources.accountId} = any(${pgArray(accountIds, "uuid")})` : undefined,
  );
}

/**
 * Releases the subscriptions stopped at expiry 72 hours ago or more (resource.released,
 * reason expiry; status expired) and emails each account's billing contacts that it was
 * released. In batches of LAPSE_BATCH, each resource in its own transaction under its row
 * lock, re-checked there: a rerun, a renewal that won the lock or a second instance finds
 * nothing to do. Returns the released ids.
 */
export async function releaseLapsed(db: DbOrTx, now: Date, accountIds?: string[]): Promise<string[]> {
  const released: string[] = [];
  const cutoff = new Date(now.getTime() - LAPSE_STOP_HOURS * HOUR);
  for (;;) {
    const due = await db
      .select({ id: resources.id, accountId: resources.accountId })
      .from(resources)
      .where(and(lapsedWhere(accountIds), lte(resources.stoppedAt, cutoff)))
      .orderBy(asc(resources.stoppedAt), asc(resources.id))
      .limit(LAPSE_BATCH);
    for (const d of due) {
      const done = await withTx(db, async (tx) => {
        const row = await lockResource(tx, d.accountId, d.id);
        if (row.status !== "stopped" || row.stoppedReason !== "expiry" || !row.stoppedAt || row.stoppedAt > cutoff) return false;
        const { metered: _m, ...resource } = row;
        await releaseResource(tx, { accountId: d.accountId, resourceId: d.id, actor: SYSTEM, now, reason: "expired" });
        await emailStep(tx, resource, "released", resource.expiresAt!, 0n);
        return true;
      });
      if (done) released.push(d.id);
    }
    if (due.length < LAPSE_BATCH) return released;
  }
}
