import { z } from "zod";
import { MAX_TAGS, TagsSchema } from "@/lib/billing/tags";
import { wholeNumber } from "@/lib/validation/integer";
import { plainText } from "@/lib/validation/text";

/** Tags in a request body; the count rule is a refinement JSON Schema cannot see, so `.meta` says it. */
const Tags = TagsSchema.meta({
  maxProperties: MAX_TAGS,
  description: `Cost allocation tags, key → value: at most ${MAX_TAGS}; a key 1-64 characters with no spaces at its ends, a value up to 128 (may be empty); no control characters. Keys are case-sensitive. Each charge records the tags the resource had when it was charged.`,
  examples: [{ team: "ml", env: "prod" }],
});

/**
 * Request bodies of /api/v1 that the routes parse and the OpenAPI document publishes
 * (lib/api/openapi.ts turns them into JSON Schema), so the two cannot drift apart.
 * `wholeNumber` parses with a transform, which JSON Schema cannot express; its `.meta`
 * says what it accepts.
 */
export const ActivateResourceSchema = z.object({
  productId: z.string().min(1).max(100),
  quantity: wholeNumber({ min: 1, max: 1000, json: true, message: "A whole number from 1 to 1000." }).meta({ type: "integer", minimum: 1, maximum: 1000 }),
  name: plainText("No hidden text-direction characters (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C).").trim().min(1).max(120).optional(),
  externalId: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: "Your id for the resource; unique per account. A request with a known externalId and the same terms gets that resource back (whatever its Idempotency-Key); other terms are 409 IDEMPOTENCY_CONFLICT." }),
  promotionCode: z.string().trim().max(40).optional(),
  tags: Tags.optional(),
});
export type ActivateResourceInput = z.infer<typeof ActivateResourceSchema>;

/** PATCH /resources/{id}: the resource's whole new tag set (keys left out are removed; `{}` removes all). */
export const SetResourceTagsSchema = z.object({ tags: Tags });
