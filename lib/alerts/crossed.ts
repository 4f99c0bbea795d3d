import type { Micros } from "@/lib/money";

/**
 * The lowest alert threshold that available funds are below, or undefined: the one the
 * reminder emails are about, so the overview's warning and the alert block name it too.
 * Funds of $50 against thresholds $100 and $500 are "below $100".
 */
export function lowestCrossed(thresholds: readonly Micros[], available: Micros): Micros | undefined {
  let lowest: Micros | undefined;
  for (const t of thresholds) if (available < t && (lowest === undefined || t < lowest)) lowest = t;
  return lowest;
}
