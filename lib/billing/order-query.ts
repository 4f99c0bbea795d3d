import { z } from "zod";
import { DaySchema as Day, flattenSearchParams, utcDayRange } from "@/lib/http/query";
const Text = (max: number) => z.string().trim().max(max).optional().catch(undefined);

/** The Orders page's and CSV export's query string. Unreadable values are dropped, never fatal. */
const OrderQuerySchema = z.object({
  from: Day.optional().catch(undefined),
  to: Day.optional().catch(undefined),
  orderNo: Text(40),
  resourceId: Text(64),
  createdBy: Text(64),
  productId: Text(100),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});

export type OrderQuery = z.infer<typeof OrderQuerySchema>;

export function parseOrderQuery(sp: Record<string, string | string[] | undefined>) {
  const query = OrderQuerySchema.parse(flattenSearchParams(sp));
  const { from, to } = utcDayRange(query.from, query.to);
  return { query, filters: { from, to, orderNo: query.orderNo, resourceId: query.resourceId, createdBy: query.createdBy, productId: query.productId } };
}
