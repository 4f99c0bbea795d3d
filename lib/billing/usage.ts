import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { products, resources, usageEvents } from "@/db/schema";
import { isUuid } from "@/db/queries/memberships";
import { AppError, notFound } from "@/lib/errors";

export interface RecordUsageInput {
  accountId: string;
  /** The reporter's id for this event: a retried report counts once. */
  eventId: string;
  resourceId: string;
  quantity: number | bigint;
  occurredAt: Date;
}

/**
 * Records metered usage of a resource; the billing run charges it with the increment it
 * falls in. Idempotent by event id: a replay returns the first record unchanged, and the
 * same id with a different resource, quantity or time (another instant, not another
 * spelling of it) is IDEMPOTENCY_CONFLICT. The row is the event's fingerprint: the insert
 * claims the id under the unique index, and a racing report compares with what won.
 */
export async function recordUsage(db: DbOrTx, input: RecordUsageInput) {
  const eventId = input.eventId.trim();
  if (!eventId || eventId.length > 200) throw new AppError("VALIDATION", "An event id of 1 to 200 characters is required.");
  if (typeof input.quantity === "number" && !Number.isSafeInteger(input.quantity)) throw new AppError("VALIDATION", "The quantity must be a whole number.");
  const quantity = BigInt(input.quantity);
  if (quantity < 1n || quantity > 1_000_000_000n) throw new AppError("VALIDATION", "The quantity must be between 1 and 1,000,000,000.");
  if (Number.isNaN(input.occurredAt.getTime())) throw new AppError("VALIDATION", "occurredAt is not a time.");
  if (!isUuid(input.resourceId)) throw notFound("Resource not found.");
  const [r] = await db
    .select({ id: resources.id, status: resources.status, metered: products.metered, startedAt: resources.startedAt })
    .from(resources)
    .innerJoin(products, eq(products.id, resources.productId))
    .where(and(eq(resources.id, input.resourceId), eq(resources.accountId, input.accountId)));
  if (!r) throw notFound("Resource not found.");
  if (!r.metered) throw new AppError("VALIDATION", "This resource is not priced by usage.");
  const [inserted] = await db
    .insert(usageEvents)
    .values({ accountId: input.accountId, eventId, resourceId: r.id, quantity, occurredAt: input.occurredAt })
    .onConflictDoNothing()
    .returning();
  if (inserted) return { event: inserted, replayed: false };
  const [prior] = await db.select().from(usageEvents).where(and(eq(usageEvents.accountId, input.accountId), eq(usageEvents.eventId, eventId)));
  if (!prior || prior.resourceId !== r.id || prior.quantity !== quantity || prior.occurredAt.getTime() !== input.occurredAt.getTime()) {
    throw new AppError("IDEMPOTENCY_CONFLICT", "This eventId was already used for other usage (another resource, quantity or occurredAt); nothing was recorded. Send a new eventId for a new event.");
  }
  return { event: prior, replayed: true };
}
