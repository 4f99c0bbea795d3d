"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { type ChangePlan, changeSubscription, previewChange } from "@/lib/billing/subscription-change";
import { wholeNumber } from "@/lib/validation/integer";

const ChangeSchema = z.object({
  resourceId: z.string().uuid(),
  productId: z.string().min(1).max(100),
  quantity: wholeNumber({ min: 1, max: 100 }),
  termMonths: wholeNumber({ min: 1, max: 12 }).pipe(z.union([z.literal(1), z.literal(3), z.literal(6), z.literal(12)])),
});

/** What the browser shows: amounts as micro-dollar strings, dates as ISO strings. */
function planView(p: Pick<ChangePlan, "kind" | "effectiveAt" | "gross" | "discount" | "net"> & { to: ChangePlan["to"] }) {
  return {
    kind: p.kind,
    effectiveAt: p.effectiveAt.toISOString(),
    gross: p.gross.toString(),
    discount: p.discount.toString(),
    net: p.net.toString(),
    productId: p.to.productId,
    quantity: p.to.quantity.toString(),
    termMonths: p.to.termMonths,
    expiresAt: p.to.expiresAt.toISOString(),
  };
}

export type ChangePreview = ReturnType<typeof planView>;

/** The price and effect of a change, from the same function that performs it; nothing is written. */
export const previewSubscriptionChangeAction = accountAction({ schema: ChangeSchema, permission: "resources.manage" }, async ({ db, input }) => planView(await previewChange(db, input)));

/** Performs the change the preview showed; the server prices it again (it never takes an amount from the browser). */
export const changeSubscriptionAction = accountAction(
  { schema: ChangeSchema.extend({ requestId: z.string().uuid() }), permission: "resources.manage", revalidate: ["/a/[accountId]/resources", "/a/[accountId]/billing"] },
  async ({ db, input, user, ip }) => {
    const r = await changeSubscription(db, { ...input, actor: { kind: "user", userId: user.id, ip }, idempotencyKey: `ui:${input.requestId}` });
    return { kind: r.kind, orderNo: r.order.orderNo, net: r.order.net.toString() };
  },
);
