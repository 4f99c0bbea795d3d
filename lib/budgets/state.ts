import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { budgetNotifications } from "@/db/schema";
import { monthForecast } from "@/lib/billing/forecast";
import { type Budget, costScope } from "./manage";
import { percentOf, type Threshold, thresholdCrossed } from "./rule";

export interface ThresholdState extends Threshold {
  /** The figure it watches has reached it now. */
  crossed: boolean;
  /** When this month's crossing was notified (it stays notified for the month even if a refund brings spend back under). */
  notifiedAt: Date | null;
}

export interface BudgetState {
  budget: Budget;
  /** "YYYY-MM", platform time zone. */
  month: string;
  /** Net spend in scope from the month's start to now, and the month-end forecast (lib/billing/forecast.ts). */
  spend: bigint;
  forecast: bigint;
  /** Spend as whole percent of the amount. */
  percent: number;
  thresholds: ThresholdState[];
}

/** A budget's figures and thresholds for the month of `now`: one forecast read and one read of its notifications. */
export async function budgetState(db: DbOrTx, budget: Budget, now: Date): Promise<BudgetState> {
  const f = await monthForecast(db, { accountId: budget.accountId, now, scope: costScope(budget.scope) });
  const sent = await db
    .select({ percent: budgetNotifications.percent, kind: budgetNotifications.kind, sentAt: budgetNotifications.sentAt })
    .from(budgetNotifications)
    .where(and(eq(budgetNotifications.budgetId, budget.id), eq(budgetNotifications.month, f.month)));
  const figures = { amount: budget.amount, spend: f.monthToDate.net, forecast: f.forecast.net };
  return {
    budget,
    month: f.month,
    spend: figures.spend,
    forecast: figures.forecast,
    percent: percentOf(figures.spend, budget.amount),
    thresholds: budget.thresholds.map((t) => ({
      ...t,
      crossed: thresholdCrossed(t, figures),
      notifiedAt: sent.find((s) => s.percent === t.percent && s.kind === t.kind)?.sentAt ?? null,
    })),
  };
}
