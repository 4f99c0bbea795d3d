import type { Micros } from "@/lib/money";

export type ThresholdKind = "actual" | "forecast";

export interface Threshold {
  percent: number;
  kind: ThresholdKind;
}

/** Thresholds a budget may have, and a percent's range (up to ten times the budget). */
export const MAX_BUDGET_THRESHOLDS = 5;
export const MIN_PERCENT = 1;
export const MAX_PERCENT = 1000;

/** The thresholds a new budget's form starts with: a warning at 80 % of actual spend, and when the month is forecast to end over budget. */
export const DEFAULT_THRESHOLDS: readonly Threshold[] = [
  { percent: 80, kind: "actual" },
  { percent: 100, kind: "forecast" },
];

/**
 * Whether a threshold is crossed: the figure it watches (the month's spend so far, or its
 * forecast) has reached percent % of the budget. Exact in micro-dollars: at 80 % of $100 a
 * spend of $80.00 crosses, $79.999999 does not.
 */
export function thresholdCrossed(t: Threshold, figures: { amount: Micros; spend: Micros; forecast: Micros }): boolean {
  const watched = t.kind === "actual" ? figures.spend : figures.forecast;
  return watched * 100n >= figures.amount * BigInt(t.percent);
}

/** Spend as a share of the budget, in whole percent rounded down (for the progress bar and its label). */
export function percentOf(spend: Micros, amount: Micros): number {
  if (amount <= 0n || spend <= 0n) return 0;
  return Number((spend * 100n) / amount);
}

/** Thresholds in the order a person reads them: actual before forecast, then by percent. */
export function sortThresholds<T extends Threshold>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a.kind === b.kind ? a.percent - b.percent : a.kind === "actual" ? -1 : 1));
}
