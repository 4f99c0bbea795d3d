import { z } from "zod";
import { DaySchema as Day, flattenSearchParams, utcDayRange } from "@/lib/http/query";
import { LEDGER_TX_TYPES } from "./types";

/** The Transactions page's and CSV export's query string: `?from=2026-01-01&to=2026-01-31&type=usage&page=2`. */
export const TransactionQuerySchema = z.object({
  from: Day.optional().catch(undefined),
  to: Day.optional().catch(undefined),
  type: z.enum(LEDGER_TX_TYPES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});

export type TransactionQuery = z.infer<typeof TransactionQuerySchema>;

/**
 * Turns the query into filters. The period is whole UTC days, both ends included. A
 * reversed period is reported and ignored rather than silently showing nothing.
 */
export function parseTransactionQuery(sp: Record<string, string | string[] | undefined>) {
  const q = TransactionQuerySchema.parse(flattenSearchParams(sp));
  let { from, to } = utcDayRange(q.from, q.to);
  const badPeriod = !!(from && to && from >= to);
  if (badPeriod) from = to = undefined;
  return { query: q, badPeriod, filters: { from, to, types: q.type ? [q.type] : undefined } };
}
