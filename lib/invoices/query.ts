import { z } from "zod";
import { INVOICE_STATUSES } from "./status";

const Period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

const QuerySchema = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  status: z.enum(INVOICE_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

/** The invoice list's filters from a query string; a malformed period is dropped and reported. */
export function parseInvoiceQuery(sp: Record<string, string | string[] | undefined>) {
  const flat = Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) || undefined]));
  const q = QuerySchema.parse(flat);
  const from = q.from && Period.safeParse(q.from).success ? q.from : undefined;
  const to = q.to && Period.safeParse(q.to).success ? q.to : undefined;
  return { query: { from, to, status: q.status, page: q.page }, filters: { from, to, status: q.status }, badPeriod: (!!q.from && !from) || (!!q.to && !to) };
}
