import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { resources } from "@/db/schema";
import { withTx } from "@/db/tx";
import { audit } from "@/lib/audit";
import { clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/ledger";
import type { Resource } from "./activate";
import { checkTags } from "./activate";
import { lockResource } from "./release";
import { normalizeTags, type Tags } from "./tags";

export interface SetResourceTagsInput {
  accountId: string;
  resourceId: string;
  /** The whole new set: keys left out are removed. */
  tags: Tags;
  actor: Actor;
  /** The API key that asked, recorded in the audit record (an API actor has no user). */
  apiKeyId?: string;
  now?: Date;
}

export interface SetResourceTagsResult {
  resource: Resource;
  before: Tags;
  /** false when the resource already had exactly these tags: nothing written, nothing audited. */
  changed: boolean;
}

// jsonb keeps keys in its own order (shorter first): compare and report them in key order.
const sameTags = (a: Tags, b: Tags) => JSON.stringify(normalizeTags(a)) === JSON.stringify(normalizeTags(b));

/**
 * Replaces a resource's cost allocation tags. Charges and orders written afterwards copy the
 * new set; those written before keep the tags they were charged with. The resource row is
 * locked as the billing run locks it (billing state, then resource), so a charge being
 * written waits for the change or comes before it, never half of each. A released or
 * expired resource takes no more charges and its tags stay as it ended (CONFLICT); another
 * account's resource is not found. One audit record with the set before and after.
 */
export async function setResourceTags(db: DbOrTx, input: SetResourceTagsInput): Promise<SetResourceTagsResult> {
  const tags = checkTags(input.tags);
  const now = input.now ?? clockNow();
  return withTx(db, async (tx) => {
    const { metered: _m, ...row } = await lockResource(tx, input.accountId, input.resourceId);
    if (row.status === "released" || row.status === "expired") throw new AppError("CONFLICT", "This resource was released; its tags can no longer be changed.");
    const before = normalizeTags(row.tags);
    if (sameTags(before, tags)) return { resource: row, before, changed: false };
    const [resource] = await tx.update(resources).set({ tags, updatedAt: now }).where(eq(resources.id, row.id)).returning();
    await audit(tx, {
      actorUserId: input.actor.userId ?? null,
      actorKind: input.actor.kind,
      accountId: input.accountId,
      action: "resource.tags.set",
      targetType: "resource",
      targetId: row.id,
      data: { name: row.name, before, after: tags, ...(input.apiKeyId ? { apiKeyId: input.apiKeyId } : {}) },
      ip: input.actor.ip ?? null,
    });
    return { resource: resource!, before, changed: true };
  });
}
