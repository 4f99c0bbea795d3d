import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { autoRechargeRuns, autoRechargeSettings, paymentMethods, payments } from "@/db/schema";
import { audit } from "@/lib/audit";
import { withTx } from "@/db/tx";
import { col, rows } from "@/db/rows";
import { clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { dollars, type Micros } from "@/lib/money";
import { autoRechargeOutcome, type Run } from "./auto-recharge-runs";
import { type PayResult, processPayment } from "./pay";
import type { PaymentProvider } from "./provider";
import { activeProvider, providerAvailable } from "./registry";
import { TOP_UP_MAX, TOP_UP_MIN } from "./top-up";

/** A claim older than this is taken as a crashed job; the attempt is retried with the same payment key. */
const STALE_CLAIM_MINUTES = 30;

export const monthOf = (t: Date) => t.toISOString().slice(0, 7);

export async function getAutoRecharge(db: DbOrTx, { accountId }: { accountId: string }) {
  const [settings] = await db.select().from(autoRechargeSettings).where(eq(autoRechargeSettings.accountId, accountId));
  const [primary] = await db
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.accountId, accountId), eq(paymentMethods.isPrimary, true), isNull(paymentMethods.removedAt)));
  const [lastRun] = await db.select().from(autoRechargeRuns).where(eq(autoRechargeRuns.accountId, accountId)).orderBy(sql`${autoRechargeRuns.month} desc`).limit(1);
  return { settings: settings ?? null, primary: primary ?? null, lastRun: lastRun ?? null };
}

/** What the account spent from its balance in the calendar month (UTC) before `now`: charges, not holds, top-ups or refunds. */
export async function lastMonthSpend(db: DbOrTx, accountId: string, now = clockNow()): Promise<Micros> {
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const [row] = await rows(
    db,
    sql`select coalesce(sum(-e.amount), 0)::text as spend
      from ledger_entries e
      join ledger_accounts a on a.id = e.ledger_account_id and a.kind = 'cash' and a.account_id = ${accountId}
      join ledger_transactions t on t.id = e.transaction_id
      where e.amount < 0 and t.created_at >= ${start.toISOString()}::timestamptz and t.created_at < ${end.toISOString()}::timestamptz
        and t.type not in ('hold', 'top_up', 'refund', 'adjustment', 'refund_reversal')`,
    { spend: col.bigint },
  );
  return row?.spend ?? 0n;
}

/** Above last month's spend: 20% more, rounded up to $10, at least the top-up minimum, at most the maximum. */
export function suggestAmount(spend: Micros): Micros {
  const step = dollars(10);
  const raw = (spend * 12n) / 10n + 1n;
  const rounded = ((raw + step - 1n) / step) * step;
  const s = rounded < dollars(50) ? dollars(50) : rounded;
  return s > TOP_UP_MAX ? TOP_UP_MAX : s;
}

export async function saveAutoRecharge(db: DbOrTx, input: { accountId: string; enabled: boolean; amount: Micros; dayOfMonth: number; userId: string; ip?: string | null; now?: Date }) {
  if (input.amount < TOP_UP_MIN || input.amount > TOP_UP_MAX || input.amount % 10_000n !== 0n) throw new AppError("VALIDATION", "Enter an amount within the top-up limits.", { amount: ["payments.errors.amount"] });
  if (!Number.isInteger(input.dayOfMonth) || input.dayOfMonth < 1 || input.dayOfMonth > 28) throw new AppError("VALIDATION", "Choose a day from 1 to 28.", { dayOfMonth: ["payments.errors.day"] });
  const now = input.now ?? clockNow();
  return withTx(db, async (tx) => {
    if (input.enabled) {
      // Auto-recharge charges a card, PayPal or Alipay: none can be charged on a site without a card provider.
      if (!activeProvider()) throw new AppError("VALIDATION", "Card, PayPal and Alipay payments are not set up on this platform yet, so auto-recharge cannot be switched on.", { enabled: ["payments.errors.autoRechargeOff"] });
      const { primary } = await getAutoRecharge(tx, { accountId: input.accountId });
      if (!primary || !providerAvailable(primary.provider)) throw new AppError("VALIDATION", "Choose a primary payment method first.", { enabled: ["payments.errors.noPrimary"] });
    }
    const values = { enabled: input.enabled, amount: input.amount, dayOfMonth: input.dayOfMonth, updatedAt: now, updatedByUserId: input.userId };
    await tx.insert(autoRechargeSettings).values({ accountId: input.accountId, ...values }).onConflictDoUpdate({ target: autoRechargeSettings.accountId, set: values });
    await audit(tx, { actorKind: "user", actorUserId: input.userId, ip: input.ip ?? null, accountId: input.accountId, action: "auto_recharge.update", targetType: "account", targetId: input.accountId, data: { enabled: input.enabled, amount: input.amount, dayOfMonth: input.dayOfMonth } });
  });
}

/**
 * Takes the next attempt of a month's run, if it is due and nobody holds it. One UPDATE
 * decides: under concurrent jobs exactly one gets the row back, the others nothing.
 */
async function claim(db: Db, runId: string, now: Date): Promise<Run | undefined> {
  const [fresh] = await db
    .update(autoRechargeRuns)
    .set({ status: "charging", attempts: sql`${autoRechargeRuns.attempts} + 1`, claimedAt: now, updatedAt: now })
    .where(and(eq(autoRechargeRuns.id, runId), or(eq(autoRechargeRuns.status, "pending"), eq(autoRechargeRuns.status, "retry")), sql`${autoRechargeRuns.nextAttemptAt} <= ${now.toISOString()}::timestamptz`))
    .returning();
  if (fresh) return fresh;
  // A job that crashed mid-attempt: same attempt number, so the same payment key (never a second charge).
  const [stale] = await db
    .update(autoRechargeRuns)
    .set({ claimedAt: now, updatedAt: now })
    .where(and(eq(autoRechargeRuns.id, runId), eq(autoRechargeRuns.status, "charging"), lt(autoRechargeRuns.claimedAt, new Date(now.getTime() - STALE_CLAIM_MINUTES * 60_000))))
    .returning();
  return stale;
}

/** One attempt: the payment row (key auto-recharge:<account>:<month>:<attempt>) first, then the primary method is charged. */
async function attempt(db: Db, run: Run, now: Date, opts: { provider?: PaymentProvider }): Promise<PayResult | null> {
  const [method] = await db
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.accountId, run.accountId), eq(paymentMethods.isPrimary, true), isNull(paymentMethods.removedAt)));
  if (!method || (!opts.provider && !providerAvailable(method.provider))) {
    await withTx(db, (tx) => autoRechargeOutcome(tx, null, { ok: false, message: "No primary payment method." }, now, run.id));
    return null;
  }
  const idempotencyKey = `auto-recharge:${run.accountId}:${run.month}:${run.attempts}`;
  await db.insert(payments).values({ accountId: run.accountId, methodId: method.id, provider: method.provider, amount: run.amount, purpose: "auto_recharge", idempotencyKey }).onConflictDoNothing({ target: payments.idempotencyKey });
  const [payment] = await db.select().from(payments).where(eq(payments.idempotencyKey, idempotencyKey));
  await db.update(autoRechargeRuns).set({ paymentId: payment!.id }).where(eq(autoRechargeRuns.id, run.id));
  const [payMethod] = await db.select().from(paymentMethods).where(eq(paymentMethods.id, payment!.methodId!));
  return processPayment(db, payment!, payMethod!, { provider: opts.provider, now });
}

export interface AutoRechargeJobResult {
  month: string;
  attempted: number;
  succeeded: number;
}

/**
 * Auto-recharge for every account whose day has come this month (UTC): opens the month's
 * run (unique per account and month) and takes each due attempt it can claim. Settings
 * saved after this month's day start with next month. Safe to run anywhere, any number of times.
 */
export async function runAutoRecharge(db: Db, opts: { now?: Date; provider?: PaymentProvider; accountIds?: string[] } = {}): Promise<AutoRechargeJobResult> {
  const now = opts.now ?? clockNow();
  const month = monthOf(now);
  const day = now.getUTCDate();
  const due = await db.select().from(autoRechargeSettings).where(and(eq(autoRechargeSettings.enabled, true), sql`${autoRechargeSettings.dayOfMonth} <= ${day}`));
  for (const s of due) {
    if (opts.accountIds && !opts.accountIds.includes(s.accountId)) continue;
    const scheduled = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), s.dayOfMonth));
    if (s.updatedAt > scheduled && monthOf(s.updatedAt) === month) continue;
    await db.insert(autoRechargeRuns).values({ accountId: s.accountId, month, amount: s.amount, nextAttemptAt: scheduled }).onConflictDoNothing();
  }
  const open = await db
    .select()
    .from(autoRechargeRuns)
    .where(and(eq(autoRechargeRuns.month, month), sql`${autoRechargeRuns.status} in ('pending', 'retry', 'charging')`, sql`${autoRechargeRuns.nextAttemptAt} <= ${now.toISOString()}::timestamptz`));
  // Switched off mid-month: a run waiting for its retry is not charged any more.
  const enabled = new Set((await db.select({ accountId: autoRechargeSettings.accountId }).from(autoRechargeSettings).where(eq(autoRechargeSettings.enabled, true))).map((r) => r.accountId));
  let attempted = 0;
  let succeeded = 0;
  for (const r of open) {
    if (opts.accountIds && !opts.accountIds.includes(r.accountId)) continue;
    if (!enabled.has(r.accountId)) continue;
    const run = await claim(db, r.id, now);
    if (!run) continue;
    attempted++;
    try {
      const result = await attempt(db, run, now, opts);
      if (result?.status === "succeeded") succeeded++;
    } catch (e) {
      console.error("auto-recharge attempt failed", e);
    }
  }
  return { month, attempted, succeeded };
}
