import type { DbOrTx } from "@/db/client";
import { resourcesPage } from "@/db/queries/billing";
import { resourceStatusEnum } from "@/db/schema";
import { CreatedUuidPosition, page, pageQuery } from "./cursor";
import { enumListParam } from "./list-filters";
import { resourceJson } from "./serialize";

export const RESOURCE_STATUSES = resourceStatusEnum.enumValues;

/**
 * GET …/resources: the account's resources in creation order (oldest first), a page at a
 * time, optionally only some statuses. A resource activated while a client pages comes after
 * every existing one, so reading on from a cursor lists each resource once.
 */
export async function listResourcesPage(db: DbOrTx, accountId: string, query: URLSearchParams) {
  const { limit, after } = pageQuery(query, CreatedUuidPosition);
  const rows = await resourcesPage(db, { accountId, status: enumListParam(query, "status", RESOURCE_STATUSES), after, limit: limit + 1 });
  const { items, nextCursor } = page(rows, limit, (r) => ({ created: r.created, id: r.resource.id }));
  return { data: items.map((r) => resourceJson(r.resource)), nextCursor };
}
