import { z } from "zod";

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));
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
  const flat = Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) || undefined]));
  const query = OrderQuerySchema.parse(flat);
  const from = query.from ? new Date(`${query.from}T00:00:00Z`) : undefined;
  const to = query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000) : undefined;
  return { query, filters: { from, to, orderNo: query.orderNo, resourceId: query.resourceId, createdBy: query.createdBy, productId: query.productId } };
}
