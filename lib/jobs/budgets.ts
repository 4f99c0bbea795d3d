// Schedule: hourly at minute 50 ("50 * * * *", after the billing cycle at minute 5 has charged the past hour), inside the app and in `npm run worker`.
import { and, asc, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { budgets } from "@/db/schema";
import { pgArray } from "@/db/sql-arrays";
import { evaluateBudget } from "@/lib/budgets/evaluate";
import { clockNow } from "@/lib/clock";
import { hourStart, recordAccountFailure, runPeriod, scopedJob } from "./job-runs";

export const BUDGETS_JOB = "budgets";
/** Budgets read per statement: the job's statements stay this size however many budgets there are. */
export const BUDGETS_CHUNK = 200;

export interface BudgetsJobResult {
  periodKey: string;
  budgets: number;
  notified: number;
  emails: number;
  events: number;
  failed: number;
}

/**
 * Budget thresholds, keyed by the hour: every budget is checked in id order, a chunk of ids
 * at a time, each in a transaction of its own (lib/budgets/evaluate.ts), so a failing one is
 * recorded and skipped and the rest go ahead. Crossings are notified once per budget,
 * threshold and month by unique key, so a rerun or a second instance sends nothing twice.
 */
export async function budgetsJob(db: Db, opts: { now?: Date; accountIds?: string[] } = {}): Promise<BudgetsJobResult | null> {
  const now = opts.now ?? clockNow();
  const periodKey = hourStart(now).toISOString();
  const run = await runPeriod(db, scopedJob(BUDGETS_JOB, opts.accountIds), periodKey, now, async (claim) => {
    const result: BudgetsJobResult = { periodKey, budgets: 0, notified: 0, emails: 0, events: 0, failed: 0 };
    const scope = opts.accountIds ? sql`${budgets.accountId} = any(${pgArray(opts.accountIds, "uuid")})` : undefined;
    for (let after = "00000000-0000-0000-0000-000000000000"; ; ) {
      const chunk = await db
        .select({ id: budgets.id, accountId: budgets.accountId })
        .from(budgets)
        .where(and(isNull(budgets.deletedAt), gt(budgets.id, after), scope))
        .orderBy(asc(budgets.id))
        .limit(BUDGETS_CHUNK);
      for (const b of chunk) {
        try {
          const r = await evaluateBudget(db, b.id, now);
          result.notified += r.notified;
          result.emails += r.emails;
          result.events += r.events;
        } catch (e) {
          result.failed++;
          console.error(`budgets: budget ${b.id} failed`, e);
          await recordAccountFailure(db, claim, b.accountId, e, now);
        }
        result.budgets++;
      }
      if (chunk.length < BUDGETS_CHUNK) break;
      after = chunk.at(-1)!.id;
    }
    return result;
  });
  return run.ran ? run.result : null;
}
