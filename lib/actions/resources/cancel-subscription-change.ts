"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { cancelScheduledChange } from "@/lib/billing/subscription-change";

export const cancelSubscriptionChangeAction = accountAction(
  { schema: z.object({ resourceId: z.string().uuid() }), permission: "resources.manage", revalidate: ["/a/[accountId]/resources"] },
  async ({ db, input, user, ip }) => {
    await cancelScheduledChange(db, { accountId: input.accountId, resourceId: input.resourceId, actor: { kind: "user", userId: user.id, ip } });
    return { cancelled: true };
  },
);
