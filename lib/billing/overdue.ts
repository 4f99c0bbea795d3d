import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { listBillingContacts } from "@/db/queries/memberships";
import { accountBillingState, accounts, products, resources } from "@/db/schema";
import type { TemplateName } from "@/emails";
import { sendEmail } from "@/lib/email/send";
import { appUrl } from "@/lib/env";
import type { Actor } from "@/lib/ledger";
import { formatMoney } from "@/lib/money";
import { emitOverdue, emitRecovered, emitResumed, emitStopped } from "./events";
import { chargeFinal, lockResource, releaseResource } from "./release";
import { pgArray } from "@/db/sql-arrays";
import { withTx } from "@/db/tx";

/** How long an overdue account's resources stay stopped before they are released. */
export const OVERDUE_STOP_HOURS = 72;
const HOUR = 3_600_000;
const SYSTEM: Actor = { kind: "system" };

/** Stopped by this lifecycle, not a subscription stopped at expiry (lib/billing/lapse.ts: renewed, not resumed, by a payment). */
const notLapsed = sql`${resources.stoppedReason} is distinct from 'expiry'`;

export type OverdueStep = "notified" | "stopped" | "released";
const TEMPLATE: Record<OverdueStep, TemplateName> = { notified: "billing-overdue", stopped: "billing-overdue-stopped", released: "billing-overdue-released" };

/** Locks the account's billing-state row (as the billing run does) and returns it. */
async function lockState(tx: Tx, accountId: string) {
  await tx.insert(accountBillingState).values({ accountId }).onConflictDoNothing();
  const [state] = await tx.select().from(accountBillingState).where(eq(accountBillingState.accountId, accountId)).for("update");
  return state!;
}

/**
 * Marks an account overdue when its available funds are below zero (the caller has tried
 * the automatic charge, which failed or had no method). Returns whether it is overdue now.
 */
export async function markOverdue(db: DbOrTx, accountId: string, now: Date): Promise<boolean> {
  return withTx(db, async (tx) => {
    const state = await lockState(tx, accountId);
    if (state.overdueSince) return true;
    if ((await getBalances(tx, { accountId })).available >= 0n) return false;
    await tx.update(accountBillingState).set({ overdueSince: now, overdueSteps: [], updatedAt: now }).where(eq(accountBillingState.accountId, accountId));
    await emitOverdue(tx, accountId, now);
    return true;
  });
}

/** Emails one overdue step to the account's owners, admins and finance members, once per step and episode. */
async function emailStep(tx: Tx, accountId: string, step: OverdueStep, since: Date, count: number, releaseAt: Date | null) {
  const [account] = await tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, accountId));
  const b = await getBalances(tx, { accountId });
  const owed = b.balance < 0n ? -b.balance : 0n;
  for (const c of await listBillingContacts(tx, { accountId })) {
    await sendEmail(tx, {
      to: c.email,
      locale: c.locale,
      template: TEMPLATE[step],
      props: {
        name: c.name,
        account: account?.name ?? "",
        available: formatMoney(b.available, c.locale),
        owed: formatMoney(owed, c.locale),
        count,
        releaseAt: releaseAt ? `${releaseAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "",
        url: `${appUrl()}/a/${accountId}/billing`,
      },
      idempotencyKey: `overdue:${accountId}:${step}:${since.toISOString()}:${c.userId}`,
      accountId,
    });
  }
  await tx
    .update(accountBillingState)
    .set({ overdueSteps: sql`array_append(array_remove(${accountBillingState.overdueSteps}, ${step}), ${step})` })
    .where(eq(accountBillingState.accountId, accountId));
}

export interface OverdueProgress {
  notified: boolean;
  stopped: string[];
  released: string[];
}

/**
 * Takes the overdue steps that are due at `now`: the first email; pay-as-you-go resources
 * whose protection period has passed (the account's, when staff set one, else the
 * product's) are stopped (charged up to the stop, the
 * increment in progress in full, then not charged); resources stopped for 72 hours are
 * released (reason "overdue"). Each step is emailed once per episode. Safe to rerun.
 */
export async function advanceOverdue(db: DbOrTx, accountId: string, now: Date): Promise<OverdueProgress> {
  const progress: OverdueProgress = { notified: false, stopped: [], released: [] };
  const state = await withTx(db, async (tx) => {
    const s = await lockState(tx, accountId);
    if (s.overdueSince && !s.overdueSteps.includes("notified")) {
      await emailStep(tx, accountId, "notified", s.overdueSince, 0, null);
      progress.notified = true;
    }
    return s;
  });
  const since = state.overdueSince;
  if (!since) return progress;

  // Stop: each running pay-as-you-go resource once its protection period is over.
  await withTx(db, async (tx) => {
    const due = await tx
      .select({ id: resources.id })
      .from(resources)
      .innerJoin(products, eq(products.id, resources.productId))
      // Staff may have set the account's own period (for every product); otherwise each product's.
      .innerJoin(accountBillingState, eq(accountBillingState.accountId, resources.accountId))
      .where(
        and(
          eq(resources.accountId, accountId),
          eq(resources.status, "running"),
          inArray(resources.billingMode, ["payg_hourly", "payg_daily"]),
          sql`${since.toISOString()}::timestamptz + coalesce(${accountBillingState.protectionHours}, ${products.protectionHours}) * interval '1 hour' <= ${now.toISOString()}::timestamptz`,
        ),
      );
    for (const { id } of due) {
      const row = await lockResource(tx, accountId, id);
      if (row.status !== "running") continue;
      await chargeFinal(tx, row, now, SYSTEM);
      await tx.update(resources).set({ status: "stopped", stoppedAt: now, stoppedReason: "overdue", updatedAt: now }).where(eq(resources.id, id));
      await emitStopped(tx, row, now, new Date(now.getTime() + OVERDUE_STOP_HOURS * HOUR));
      progress.stopped.push(id);
    }
    const [s] = await tx.select().from(accountBillingState).where(eq(accountBillingState.accountId, accountId));
    if (progress.stopped.length && !s!.overdueSteps.includes("stopped")) {
      await emailStep(tx, accountId, "stopped", since, progress.stopped.length, new Date(now.getTime() + OVERDUE_STOP_HOURS * HOUR));
    }
  });

  // Release: resources stopped for 72 hours.
  const expired = await db
    .select({ id: resources.id })
    .from(resources)
    .where(
      and(
        eq(resources.accountId, accountId),
        eq(resources.status, "stopped"),
        notLapsed,
        isNotNull(resources.stoppedAt),
        sql`${resources.stoppedAt} + ${OVERDUE_STOP_HOURS} * interval '1 hour' <= ${now.toISOString()}::timestamptz`,
      ),
    );
  if (expired.length) {
    await withTx(db, async (tx) => {
      for (const { id } of expired) {
        await releaseResource(tx, { accountId, resourceId: id, actor: SYSTEM, now, reason: "overdue" });
        progress.released.push(id);
      }
      const s = await lockState(tx, accountId);
      if (s.overdueSince?.getTime() === since.getTime() && !s.overdueSteps.includes("released")) {
        await emailStep(tx, accountId, "released", since, progress.released.length, null);
      }
    });
  }
  return progress;
}

/**
 * When an overdue account's available funds are zero or above again: clears overdue and
 * resumes its stopped resources, charged again from now (never twice for an increment
 * already charged at the stop). Returns the resumed resource ids, or null when not resumed.
 */
export async function resumeIfFunded(db: DbOrTx, accountId: string, now: Date): Promise<string[] | null> {
  return withTx(db, async (tx) => {
    const state = await lockState(tx, accountId);
    if (!state.overdueSince) return null;
    if ((await getBalances(tx, { accountId })).available < 0n) return null;
    await tx.update(accountBillingState).set({ overdueSince: null, overdueSteps: [], updatedAt: now }).where(eq(accountBillingState.accountId, accountId));
    const resumed = await tx
      .update(resources)
      .set({ status: "running", stoppedAt: null, stoppedReason: null, billedUntil: sql`greatest(${resources.billedUntil}, ${now.toISOString()}::timestamptz)`, updatedAt: now })
      .where(and(eq(resources.accountId, accountId), eq(resources.status, "stopped"), notLapsed))
      .returning();
    await emitResumed(tx, resumed, now);
    await emitRecovered(tx, accountId, state.overdueSince, now, resumed.map((r) => r.id));
    return resumed.map((r) => r.id);
  });
}

/** Accounts currently overdue. */
export async function overdueAccounts(db: DbOrTx, accountIds?: string[]): Promise<string[]> {
  const rows = await db
    .select({ id: accountBillingState.accountId })
    .from(accountBillingState)
    .where(and(isNotNull(accountBillingState.overdueSince), accountIds ? sql`${accountBillingState.accountId} = any(${pgArray(accountIds, "uuid")})` : undefined));
  return rows.map((r) => r.id);
}
