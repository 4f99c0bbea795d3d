import { and, eq, gt, lte } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { listBillingContacts } from "@/db/queries/memberships";
import { accounts, orders, resources } from "@/db/schema";
import { sendEmail } from "@/lib/email/send";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/ledger";
import { formatMoney } from "@/lib/money";
import { loadProduct } from "./activate";
import { subscriptionPrice, type TermMonths, termEnd } from "./cycle";
import { emitExpiring, emitRenewed } from "./events";
import { stopLapsed } from "./lapse";
import { orderFormRateAt } from "./order-forms";
import { lockResource } from "./release";
import { addToSpend } from "./spend";
import { paySubscription, termDiscountBps } from "./subscribe";
import { applyScheduledChange } from "./subscription-change";
import { withTx } from "@/db/tx";

const SYSTEM: Actor = { kind: "system" };
const HOUR = 3_600_000;

/** Reminder steps before expiry, most imminent first. */
export const REMINDERS = [
  { step: "24h", hours: 24 },
  { step: "48h", hours: 48 },
  { step: "7d", hours: 7 * 24 },
] as const;
export type ReminderStep = (typeof REMINDERS)[number]["step"];

type Sub = typeof resources.$inferSelect;

/**
 * The renewal price of one more term: the price copied at purchase, less the better of the
 * product's term discount and an order form in force when the new term starts.
 */
export async function renewalPrice(db: DbOrTx, r: Sub) {
  const [product, formBps] = await Promise.all([loadProduct(db, r.productId), orderFormRateAt(db, r.accountId, r.productId, r.expiresAt ?? r.startedAt)]);
  const months = r.termMonths as TermMonths;
  return subscriptionPrice(r.unitPrice, r.quantity, months, termDiscountBps(product, months), formBps);
}

/**
 * Pays one more term of a subscription from its current expiry (key renew:<resourceId>:<expiresAt>,
 * so a term is paid once whichever path renews it: the job at expiry, a payment or the Renew
 * action of a stopped subscription) and moves its expiry on by a term. Refused with
 * INSUFFICIENT_FUNDS, changing nothing, when available funds cannot cover it. The caller holds
 * the row lock from lockResource.
 */
export async function payRenewal(tx: DbOrTx, row: Sub, now: Date, actor: Actor) {
  // A downgrade scheduled for the next term takes effect as it is paid, whichever path pays it.
  row = await applyScheduledChange(tx, row, now);
  const expiresAt = row.expiresAt!;
  const priced = await renewalPrice(tx, row);
  const key = `renew:${row.id}:${expiresAt.toISOString()}`;
  return withTx(tx, async (sp) => {
    const [order] = await sp
      .insert(orders)
      .values({
        accountId: row.accountId, type: "renewal", resourceId: row.id, productId: row.productId, quantity: row.quantity, termMonths: row.termMonths, gross: priced.gross, discount: priced.discount,
        net: priced.net, requestKey: key, createdByUserId: actor.userId ?? null, actorKind: actor.kind, tags: row.tags, createdAt: now,
      })
      .returning();
    if (priced.net > 0n) await paySubscription(sp, { accountId: row.accountId, amount: priced.net, key, resourceId: row.id, orderNo: order!.orderNo, actor });
    await addToSpend(sp, [{ accountId: row.accountId, productId: row.productId, resourceId: row.id, tags: row.tags, at: now, gross: priced.gross, discount: priced.discount, voucherPaid: 0n, cashPaid: priced.net }]);
    const next = termEnd(expiresAt, row.termMonths as TermMonths);
    const [renewed] = await sp.update(resources).set({ expiresAt: next, updatedAt: now }).where(eq(resources.id, row.id)).returning();
    await emitRenewed(sp, row, expiresAt, next, priced.net, now);
    return { resource: renewed!, order: order!, price: priced.net };
  });
}

/**
 * At expiry: renews a subscription for another term when auto-renew is on and available
 * funds cover it, otherwise stops it (lib/billing/lapse.ts: released 72 hours later unless
 * renewed). Safe to rerun and to run on several instances (the resource row is locked).
 */
export async function settleExpiry(db: DbOrTx, resourceId: string, accountId: string, now: Date): Promise<"renewed" | "stopped" | "skipped"> {
  return withTx(db, async (tx) => {
    const row = await lockResource(tx, accountId, resourceId);
    if (row.status !== "running" || row.billingMode !== "subscription" || !row.expiresAt || row.expiresAt > now) return "skipped";
    if (row.autoRenew) {
      try {
        await payRenewal(tx, row, now, SYSTEM);
        return "renewed";
      } catch (e) {
        if (!(e instanceof AppError && e.code === "INSUFFICIENT_FUNDS")) throw e;
      }
    }
    await stopLapsed(tx, row, (await renewalPrice(tx, row)).net);
    return "stopped";
  });
}

/** Subscriptions due for expiry (renewal or expiry) at `now`. */
export async function dueSubscriptions(db: DbOrTx, now: Date, accountIds?: string[]) {
  const rows = await db
    .select({ id: resources.id, accountId: resources.accountId })
    .from(resources)
    .where(and(eq(resources.status, "running"), eq(resources.billingMode, "subscription"), lte(resources.expiresAt, now)));
  return accountIds ? rows.filter((r) => accountIds.includes(r.accountId)) : rows;
}

/**
 * Emails the most imminent reminder step due for each running subscription, saying whether
 * it renews by itself (auto-renew on and funds cover the renewal price) or not: one email per
 * step, term and recipient (the key says which), so a step is never sent twice. The
 * subscription.expiring event goes out only for those that will not renew.
 */
export async function sendExpiryReminders(db: DbOrTx, now: Date, accountIds?: string[]): Promise<number> {
  const rows = (
    await db
      .select()
      .from(resources)
      .where(and(eq(resources.status, "running"), eq(resources.billingMode, "subscription"), gt(resources.expiresAt, now), lte(resources.expiresAt, new Date(now.getTime() + 7 * 24 * HOUR))))
  ).filter((r) => !accountIds || accountIds.includes(r.accountId));
  let sent = 0;
  for (const r of rows) {
    const left = r.expiresAt!.getTime() - now.getTime();
    const step = REMINDERS.find((s) => left <= s.hours * HOUR)!.step;
    const priced = await renewalPrice(db, r);
    const b = await getBalances(db, { accountId: r.accountId });
    const willRenew = r.autoRenew && b.available >= priced.net;
    // One event per step and term (its key), whoever the emails go to.
    if (!willRenew) await emitExpiring(db, r, step, priced.net, now);
    const [account] = await db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, r.accountId));
    for (const c of await listBillingContacts(db, { accountId: r.accountId })) {
      await sendEmail(db, {
        to: c.email,
        locale: c.locale,
        template: "subscription-reminder",
        props: {
          name: c.name, account: account?.name ?? "", resource: r.name, step, autoRenew: r.autoRenew, willRenew, price: formatMoney(priced.net, c.locale),
          expiresAt: `${r.expiresAt!.toISOString().slice(0, 16).replace("T", " ")} UTC`, url: `${appUrl()}/a/${r.accountId}/resources`,
        },
        idempotencyKey: `subscription-reminder:${r.id}:${r.expiresAt!.toISOString()}:${step}:${c.userId}`,
        accountId: r.accountId,
      });
      sent++;
    }
  }
  return sent;
}
