import { z } from "zod";
import { DaySchema as Day, flattenSearchParams, utcDayRange } from "@/lib/http/query";
import { isUuid } from "@/db/queries/memberships";

/** The audit log page's and export's query string: `?actor=a@b.example&account=<uuid or part of a name>&action=billing.&from=2026-01-01&to=2026-01-31`. */
export const AuditQuerySchema = z.object({
  actor: z.string().trim().max(200).optional().catch(undefined),
  account: z.string().trim().max(200).optional().catch(undefined),
  action: z.string().trim().max(100).regex(/^[a-z0-9_.-]+$/).optional().catch(undefined),
  from: Day.optional().catch(undefined),
  to: Day.optional().catch(undefined),
  /** Keyset cursor: the id of the last record on the previous page. */
  before: z.string().regex(/^\d{1,19}$/).optional().catch(undefined),
});

/** Whole UTC days, both ends included; a reversed period is reported and ignored. */
export function parseAuditQuery(sp: Record<string, string | string[] | undefined>) {
  const q = AuditQuerySchema.parse(flattenSearchParams(sp));
  let { from, to } = utcDayRange(q.from, q.to);
  const badPeriod = !!(from && to && from >= to);
  if (badPeriod) from = to = undefined;
  return { query: q, badPeriod, filters: { actor: q.actor, accountId: q.account && isUuid(q.account) ? q.account : undefined, accountName: q.account && !isUuid(q.account) ? q.account : undefined, action: q.action, from, to }, before: q.before ? BigInt(q.before) : undefined };
}

/** The query string of the same filters, for the export link and the next page. */
export function auditQueryString(q: z.infer<typeof AuditQuerySchema>, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ actor: q.actor, account: q.account, action: q.action, from: q.from, to: q.to, ...extra })) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}
