import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { chargeLines, usageByIncrement } from "@/db/queries/usage-read";
import { platformTimeZone } from "@/lib/billing/time";
import { AppError } from "@/lib/errors";
import { page, pageQuery, TimeIdPosition, TimeUuidPosition } from "./cursor";
import { money } from "./handler";

/** The query filters of the usage and charges lists (the OpenAPI document publishes them from here). */
export const UsageListFilterSchema = z.object({
  resourceId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/** resourceId, from (inclusive) and to (exclusive) of a list's query string; bad values are a 400 naming them. */
function filterOf(query: URLSearchParams) {
  const parsed = UsageListFilterSchema.safeParse({ resourceId: query.get("resourceId") ?? undefined, from: query.get("from") ?? undefined, to: query.get("to") ?? undefined });
  if (!parsed.success) throw new AppError("VALIDATION", "The query has invalid fields.", z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
  const { resourceId, from, to } = parsed.data;
  const f = { resourceId: resourceId?.toLowerCase() ?? null, from: from ? new Date(from) : null, to: to ? new Date(to) : null };
  if (f.from && f.to && f.from.getTime() >= f.to.getTime()) throw new AppError("VALIDATION", "from must be before to.", { to: ["from must be before to."] });
  return f;
}

/** GET …/usage: the account's usage per resource and increment, a page at a time. */
export async function listUsage(db: DbOrTx, accountId: string, query: URLSearchParams) {
  const { limit, after } = pageQuery(query, TimeUuidPosition);
  const rows = await usageByIncrement(db, { accountId, ...filterOf(query), after: after && { t: new Date(after.t), id: after.id }, limit: limit + 1, tz: platformTimeZone() });
  const { items, nextCursor } = page(rows, limit, (r) => ({ t: r.period_start.toISOString(), id: r.resource_id }));
  return {
    data: items.map((r) => ({ resourceId: r.resource_id, periodStart: r.period_start.toISOString(), quantity: r.quantity.toString(), events: r.events, charged: r.charged })),
    nextCursor,
  };
}

/** GET …/charges: the billing run's charge lines, a page at a time. net = gross − discount = voucher + cash. */
export async function listCharges(db: DbOrTx, accountId: string, query: URLSearchParams) {
  const { limit, after } = pageQuery(query, TimeIdPosition);
  const rows = await chargeLines(db, { accountId, ...filterOf(query), after: after && { t: new Date(after.t), id: after.id }, limit: limit + 1 });
  const { items, nextCursor } = page(rows, limit, (c) => ({ t: c.periodStart.toISOString(), id: c.id.toString() }));
  return {
    data: items.map((c) => ({
      id: c.id.toString(),
      resourceId: c.resourceId,
      productId: c.productId,
      periodStart: c.periodStart.toISOString(),
      periodEnd: c.periodEnd.toISOString(),
      quantity: c.quantity.toString(),
      unitPrice: money(c.unitPrice),
      gross: money(c.gross),
      discount: money(c.discount),
      voucher: money(c.voucherPaid),
      cash: money(c.cashPart),
      net: money(c.gross - c.discount),
    })),
    nextCursor,
  };
}
