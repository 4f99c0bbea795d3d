import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { usageEvents } from "@/db/schema";
import { isUuid } from "@/db/queries/memberships";
import { type UsageResource, usageResources } from "@/db/queries/usage";
import { AppError, notFound } from "@/lib/errors";
import { wholeNumber } from "@/lib/validation/integer";

/** One usage event as the API takes it, alone (POST /api/v1/usage) or in a batch. */
export const UsageEventSchema = z.object({
  eventId: z.string().trim().min(1).max(200),
  resourceId: z.string().uuid(),
  quantity: wholeNumber({ min: 1, max: 1_000_000_000, json: true, message: "A whole number from 1 to 1000000000." }),
  occurredAt: z.iso.datetime({ offset: true }),
});
export type UsageEventInput = z.infer<typeof UsageEventSchema>;

export const USAGE_ID_REUSED = "This eventId was already used for other usage (another resource, quantity or occurredAt); nothing was recorded. Send a new eventId for a new event.";

/**
 * The one rule for which resource may take usage, for the single and the batch endpoint:
 * it must exist and belong to the caller's account (`accountId`; null for a platform key,
 * which reaches every account), be metered, and not be released: a released resource's
 * last increment is already charged, so later usage would be stored and never billed.
 */
export function usageRefusal(r: UsageResource | undefined, accountId: string | null): AppError | null {
  if (!r || (accountId !== null && r.accountId !== accountId)) return notFound("Resource not found.");
  if (r.status === "released" || r.status === "expired") return new AppError("CONFLICT", "This resource was released; it takes no more usage.");
  if (!r.metered) return new AppError("VALIDATION", "This resource is not priced by usage.");
  return null;
}

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
  const [r] = await usageResources(db, [input.resourceId]);
  const refusal = usageRefusal(r, input.accountId);
  if (refusal || !r) throw refusal ?? notFound("Resource not found.");
  const [inserted] = await db
    .insert(usageEvents)
    .values({ accountId: input.accountId, eventId, resourceId: r.id, quantity, occurredAt: input.occurredAt })
    .onConflictDoNothing()
    .returning();
  if (inserted) return { event: inserted, replayed: false };
  const [prior] = await db.select().from(usageEvents).where(and(eq(usageEvents.accountId, input.accountId), eq(usageEvents.eventId, eventId)));
  if (!prior || prior.resourceId !== r.id || prior.quantity !== quantity || prior.occurredAt.getTime() !== input.occurredAt.getTime()) {
    throw new AppError("IDEMPOTENCY_CONFLICT", USAGE_ID_REUSED);
  }
  return { event: prior, replayed: true };
}
