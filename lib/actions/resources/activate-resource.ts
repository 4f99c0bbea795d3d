"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { activateResource } from "@/lib/billing/activate";
import { wholeNumber } from "@/lib/validation/integer";
import { plainText } from "@/lib/validation/text";
import { TagLinesSchema } from "@/lib/billing/tags";

const ActivateSchema = z.object({
  productId: z.string().min(1).max(100),
  quantity: wholeNumber({ min: 1, max: 1000 }),
  name: plainText().trim().max(120).optional(),
  promotionCode: z.string().trim().max(40).optional(),
  // One `key:value` a line; left out, none.
  tags: TagLinesSchema.optional(),
  // Made when the form is shown: a double submit activates once.
  requestId: z.string().uuid(),
});

export const activateResourceAction = accountAction(
  { schema: ActivateSchema, permission: "resources.manage", revalidate: ["/a/[accountId]/resources", "/a/[accountId]/billing"] },
  async ({ db, input, user, ip }) => {
    const { resource, order } = await activateResource(db, {
      accountId: input.accountId,
      productId: input.productId,
      quantity: input.quantity,
      name: input.name || undefined,
      promotionCode: input.promotionCode || undefined,
      tags: input.tags,
      actor: { kind: "user", userId: user.id, ip },
      idempotencyKey: `ui:${input.requestId}`,
    });
    return { name: resource.name, hold: order.net.toString(), orderNo: order.orderNo };
  },
);
