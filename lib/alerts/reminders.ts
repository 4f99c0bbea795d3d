import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { listBillingContacts } from "@/db/queries/memberships";
import { accounts, alertSettings, alertThresholds, lowFundsEpisodes } from "@/db/schema";
import { pgArray } from "@/db/sql-arrays";
import { withTx } from "@/db/tx";
import { sendEmail } from "@/lib/email/send";
import { appUrl } from "@/lib/env";
import { emitEvent } from "@/lib/events/emit";
import { moneyJson } from "@/lib/events/catalogue";
import { formatMoney, type Micros } from "@/lib/money";
import { lowestCrossed } from "./crossed";
import { closeEpisodes } from "./settings";

/** Up to 7 reminders per episode, at most one a day, within 7 days of the drop. */
export const MAX_REMINDERS = 7;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const hourFloor = (t: Date) => Math.floor(t.getTime() / HOUR) * HOUR;

export interface LowFundsResult {
  /** Reminders sent (one per episode and day; each goes to every billing contact). */
  reminders: number;
  emails: number;
  webhooks: number;
  opened: number;
  closed: number;
}

/** Accounts the job looks at: alert on with a threshold, or an episode still open (to close it). */
export async function alertAccounts(db: DbOrTx, accountIds?: string[]): Promise<string[]> {
  const scope = accountIds ? sql`and account_id = any(${pgArray(accountIds, "uuid")})` : sql``;
  const rows = (await db.execute(sql`
    select account_id from ${alertSettings} where enabled and exists (select 1 from ${alertThresholds} t where t.account_id = ${alertSettings.accountId}) ${scope}
    union
    select account_id from ${lowFundsEpisodes} where closed_at is null ${scope}`)) as unknown;
  const list = Array.isArray(rows) ? rows : ((rows as { rows?: unknown[] }).rows ?? []);
  return (list as { account_id: string }[]).map((r) => r.account_id).sort();
}

/** A reminder is due when fewer than 7 went out, the last one is a day old (by the hour), and the episode is under 7 days old. */
export function reminderDue(ep: { startedAt: Date; lastSentAt: Date | null; sentCount: number }, now: Date): boolean {
  if (ep.sentCount >= MAX_REMINDERS) return false;
  if (hourFloor(now) >= hourFloor(ep.startedAt) + MAX_REMINDERS * DAY) return false;
  return !ep.lastSentAt || hourFloor(now) - hourFloor(ep.lastSentAt) >= DAY;
}

/**
 * One account's low-funds state at `now`, in one transaction under the lock of its alert
 * settings row, so concurrent jobs take turns and the second finds the reminder counted:
 * - funds at or above a threshold: its open episode closes ("recovered");
 * - funds below thresholds: each gets an open episode (one per account and threshold, by
 *   unique index); reminders go out for the lowest of them only, so a drop through several
 *   thresholds mails one message a day, about the most urgent;
 * - a reminder emails every owner, admin and finance member in their language, and queues
 *   a signed webhook event when a URL is set, all in this transaction.
 */
export async function checkLowFunds(db: DbOrTx, accountId: string, now: Date): Promise<LowFundsResult> {
  const result: LowFundsResult = { reminders: 0, emails: 0, webhooks: 0, opened: 0, closed: 0 };
  await withTx(db, async (tx) => {
    const [settings] = await tx.select().from(alertSettings).where(eq(alertSettings.accountId, accountId)).for("update");
    const thresholds = settings?.enabled ? (await tx.select({ amount: alertThresholds.amount }).from(alertThresholds).where(eq(alertThresholds.accountId, accountId))).map((r) => r.amount) : [];
    const openBefore = await countOpen(tx, accountId);
    await closeEpisodes(tx, accountId, now, thresholds);
    const { available } = await getBalances(tx, { accountId });

    const above = thresholds.filter((t) => available >= t);
    if (above.length) {
      await tx
        .update(lowFundsEpisodes)
        .set({ closedAt: now, closeReason: "recovered" })
        .where(and(eq(lowFundsEpisodes.accountId, accountId), isNull(lowFundsEpisodes.closedAt), or(...above.map((t) => eq(lowFundsEpisodes.threshold, t)))));
    }
    result.closed = openBefore - (await countOpen(tx, accountId));

    const below = thresholds.filter((t) => available < t).sort((a, b) => (a < b ? -1 : 1));
    for (const t of below) {
      const opened = await tx.insert(lowFundsEpisodes).values({ accountId, threshold: t, startedAt: now }).onConflictDoNothing().returning({ id: lowFundsEpisodes.id });
      result.opened += opened.length;
    }
    const lowest = lowestCrossed(thresholds, available);
    if (lowest === undefined) return;
    const [ep] = await tx.select().from(lowFundsEpisodes).where(and(eq(lowFundsEpisodes.accountId, accountId), eq(lowFundsEpisodes.threshold, lowest), isNull(lowFundsEpisodes.closedAt)));
    if (!ep || !reminderDue(ep, now)) return;
    const n = ep.sentCount + 1;
    result.emails += await remind(tx, { accountId, episodeId: ep.id, threshold: lowest, available, n });
    // balance.low goes to the platform's endpoints and, when a URL is set, to the account's own webhook.
    const emitted = await emitEvent(tx, {
      accountId, type: "balance.low", key: lowFundsEventKey(ep.id, n), occurredAt: now,
      data: { available: moneyJson(available), threshold: moneyJson(lowest), reminder: n, maxReminders: MAX_REMINDERS },
    });
    if (emitted && settings?.webhookUrl) result.webhooks++;
    await tx.update(lowFundsEpisodes).set({ sentCount: n, lastSentAt: now }).where(eq(lowFundsEpisodes.id, ep.id));
    result.reminders++;
  });
  return result;
}

async function countOpen(tx: Tx, accountId: string): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(lowFundsEpisodes).where(and(eq(lowFundsEpisodes.accountId, accountId), isNull(lowFundsEpisodes.closedAt)));
  return row?.n ?? 0;
}

async function remind(tx: Tx, p: { accountId: string; episodeId: string; threshold: Micros; available: Micros; n: number }): Promise<number> {
  const [account] = await tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, p.accountId));
  const base = `${appUrl()}/a/${p.accountId}/billing`;
  const contacts = await listBillingContacts(tx, { accountId: p.accountId });
  for (const c of contacts) {
    await sendEmail(tx, {
      to: c.email,
      locale: c.locale,
      template: "low-funds",
      props: {
        name: c.name,
        account: account?.name ?? "",
        available: formatMoney(p.available, c.locale),
        threshold: formatMoney(p.threshold, c.locale),
        reminder: p.n,
        maxReminders: MAX_REMINDERS,
        topUpUrl: `${base}/top-up`,
        settingsUrl: `${base}/alerts`,
      },
      idempotencyKey: `low-funds:${p.accountId}:${p.threshold}:${p.episodeId}:${p.n}:${c.userId}`,
      accountId: p.accountId,
    });
  }
  return contacts.length;
}

/** The event's key is the episode and the reminder's number, so a rerun never emits it twice. */
export const lowFundsEventKey = (episodeId: string, n: number) => `${episodeId}:${n}`;
