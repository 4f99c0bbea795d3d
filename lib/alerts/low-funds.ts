import type { Micros } from "@/lib/money";
import { lowestCrossed } from "./crossed";

/** Less than this many days of runway left is low, whatever the thresholds. */
export const LOW_RUNWAY_DAYS = 7;

export interface LowFunds {
  /** Funds are low: not negative (that is worse, and shown as such), but below an enabled alert threshold or under a week of runway. */
  low: boolean;
  /** The lowest enabled threshold crossed, the one the warning (and the reminder emails) name. */
  threshold: Micros | undefined;
}

/** The one "low funds" rule, as the overview shows it. */
export function lowFunds(available: Micros, alerts: { enabled: boolean; thresholds: readonly Micros[] }, runwayDays: number | null): LowFunds {
  const threshold = alerts.enabled ? lowestCrossed(alerts.thresholds, available) : undefined;
  const low = available >= 0n && (threshold !== undefined || (runwayDays !== null && runwayDays < LOW_RUNWAY_DAYS));
  return { low, threshold };
}
