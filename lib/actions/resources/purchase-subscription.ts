"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { purchaseSubscription } from "@/lib/billing/subscribe";
import { wholeNumber } from "@/lib/validation/integer";
import { plainText } from "@/lib/validation/text";
import { TagLinesSchema } from "@/lib/billing/tags";

const SubscribeSchema = z.object({
  productId: z.string().min(1).max(100),
  quantity: wholeNumber({ min: 1, max: 100 }),
  termMonths: wholeNumber({ min: 1, max: 12 }).pipe(z.union([z.literal(1), z.literal(3), z.literal(6), z.literal(12)])),
  autoRenew: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  name: plainText().trim().max(120).optional(),
  // One `key:value` a line; left out, none.
  tags: TagLinesSchema.optional(),
  requestId: z.string().uuid(),
});

export const purchaseSubscriptionAction = accountAction(
  { schema: SubscribeSchema, permission: "resources.manage", revalidate: ["/a/[accountId]/resources", "/a/[accountId]/billing"] },
  async ({ db, input, user, ip }) => {
    const { resource, order } = await purchaseSubscription(db, {
      accountId: input.accountId,
      productId: input.productId,
      quantity: input.quantity,
      termMonths: input.termMonths,
      autoRenew: input.autoRenew,
      name: input.name || undefined,
      tags: input.tags,
      actor: { kind: "user", userId: user.id, ip },
      idempotencyKey: `ui:${input.requestId}`,
    });
    return { name: resource.name, until: resource.expiresAt?.toISOString() ?? "", net: order.net.toString() };
  },
);
