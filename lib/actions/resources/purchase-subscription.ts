"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { purchaseSubscription } from "@/lib/billing/subscribe";

const SubscribeSchema = z.object({
  productId: z.string().min(1).max(100),
  quantity: z.coerce.number().int("Enter a whole number.").min(1, "At least 1.").max(100, "At most 100."),
  termMonths: z.coerce.number().pipe(z.union([z.literal(1), z.literal(3), z.literal(6), z.literal(12)])),
  autoRenew: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  name: z.string().trim().max(120).optional(),
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
      actor: { kind: "user", userId: user.id, ip },
      idempotencyKey: `ui:${input.requestId}`,
    });
    return { name: resource.name, until: resource.expiresAt?.toISOString() ?? "", net: order.net.toString() };
  },
);
