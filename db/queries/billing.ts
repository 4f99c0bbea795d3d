import { and, asc, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { orders, products, resources } from "@/db/schema";
import { isUuid } from "./memberships";

export async function listProducts(db: DbOrTx) {
  return db.select().from(products).where(eq(products.active, true)).orderBy(asc(products.sortOrder), asc(products.id));
}

export type ResourceStatus = (typeof resources.$inferSelect)["status"];

export async function listResources(db: DbOrTx, { accountId, status }: { accountId: string; status?: ResourceStatus | ResourceStatus[] }) {
  const statusFilter = status === undefined ? undefined : Array.isArray(status) ? sql`${resources.status} in ${status}` : eq(resources.status, status);
  return db
    .select({ resource: resources, product: products })
    .from(resources)
    .innerJoin(products, eq(products.id, resources.productId))
    .where(and(eq(resources.accountId, accountId), statusFilter))
    .orderBy(desc(resources.createdAt), desc(resources.id));
}

/** A resource's created_at to the microsecond, as the database holds it: `2031-03-01T10:00:00.123456Z`. */
const createdText = sql<string>`to_char(${resources.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * A page of the account's resources in creation order (created_at, then id), `limit` rows
 * strictly after the position `after`. The position's time is compared as the database's own
 * microsecond text, so rows created within one millisecond are each listed once.
 */
export async function resourcesPage(
  db: DbOrTx,
  f: { accountId: string; status?: ResourceStatus[] | null; after?: { created: string; id: string } | null; limit: number },
) {
  const where: (SQL | undefined)[] = [eq(resources.accountId, f.accountId)];
  if (f.status?.length) where.push(sql`${resources.status} in ${f.status}`);
  if (f.after) where.push(sql`(${resources.createdAt}, ${resources.id}) > (${f.after.created}::timestamptz, ${f.after.id}::uuid)`);
  return db
    .select({ resource: resources, created: createdText })
    .from(resources)
    .where(and(...where))
    .orderBy(asc(resources.createdAt), asc(resources.id))
    .limit(f.limit);
}

/** One resource of the account; another account's id gives null. */
export async function getResource(db: DbOrTx, { accountId, resourceId }: { accountId: string; resourceId: string }) {
  if (!isUuid(resourceId)) return null;
  const [row] = await db
    .select({ resource: resources, product: products })
    .from(resources)
    .innerJoin(products, eq(products.id, resources.productId))
    .where(and(eq(resources.accountId, accountId), eq(resources.id, resourceId)));
  return row ?? null;
}

export interface OrderFilter {
  accountId: string;
  from?: Date;
  to?: Date;
  orderNo?: string;
  resourceId?: string;
  createdBy?: string;
  productId?: string;
}

function orderWhere(f: OrderFilter): SQL {
  const parts: (SQL | undefined)[] = [eq(orders.accountId, f.accountId)];
  if (f.from) parts.push(gte(orders.createdAt, f.from));
  if (f.to) parts.push(lt(orders.createdAt, f.to));
  if (f.orderNo) parts.push(eq(orders.orderNo, f.orderNo.trim().toUpperCase()));
  // A malformed id matches nothing rather than failing the query.
  if (f.resourceId) parts.push(isUuid(f.resourceId) ? eq(orders.resourceId, f.resourceId) : sql`false`);
  if (f.createdBy) parts.push(isUuid(f.createdBy) ? eq(orders.createdByUserId, f.createdBy) : sql`false`);
  if (f.productId) parts.push(eq(orders.productId, f.productId));
  return and(...parts)!;
}

export async function listOrders(db: DbOrTx, f: OrderFilter & { limit: number; offset: number }) {
  return db
    .select({ order: orders, productNameEn: products.nameEn, productNameZh: products.nameZh })
    .from(orders)
    .innerJoin(products, eq(products.id, orders.productId))
    .where(orderWhere(f))
    .orderBy(desc(orders.createdAt), desc(orders.orderNo))
    .limit(Math.min(Math.max(f.limit, 1), 1000))
    .offset(Math.max(f.offset, 0));
}

export async function countOrders(db: DbOrTx, f: OrderFilter): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(orders).where(orderWhere(f));
  return row?.n ?? 0;
}
