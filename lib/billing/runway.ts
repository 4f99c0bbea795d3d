import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { charges } from "@/db/schema";

export const RUNWAY_WINDOW_DAYS = 7;

export interface Runway {
  /** Cash paid for pay-as-you-go usage per day, averaged over the last 7 days. */
  dailyRate: bigint;
  /** Whole days available funds last at that rate; null when nothing is being spent. */
  days: number | null;
}

/**
 * "At the last 7 days' rate, available funds last about N days": the cash part of the
 * charges whose increments started in the last 7 days (one index range scan, whatever
 * the history's length), divided by 7; available funds divided by that.
 */
export async function runwayOf(db: DbOrTx, accountId: string, available: bigint, now: Date): Promise<Runway> {
  const since = new Date(now.getTime() - RUNWAY_WINDOW_DAYS * 86_400_000);
  const [row] = await db
    .select({ cash: sql<string>`coalesce(sum(${charges.cashPart}), 0)::text` })
    .from(charges)
    .where(and(eq(charges.accountId, accountId), gte(charges.periodStart, since), lt(charges.periodStart, now)));
  const dailyRate = BigInt(row?.cash ?? "0") / BigInt(RUNWAY_WINDOW_DAYS);
  if (dailyRate <= 0n) return { dailyRate: 0n, days: null };
  return { dailyRate, days: available <= 0n ? 0 : Number(available / dailyRate) };
}
