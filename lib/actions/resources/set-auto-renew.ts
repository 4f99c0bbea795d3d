"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { setAutoRenew } from "@/lib/billing/subscription-change";

export const setAutoRenewAction = accountAction(
  { schema: z.object({ resourceId: z.string().uuid(), autoRenew: z.enum(["on", "off"]) }), permission: "resources.manage", revalidate: ["/a/[accountId]/resources"] },
  async ({ db, input, user, ip }) => {
    const r = await setAutoRenew(db, { accountId: input.accountId, resourceId: input.resourceId, autoRenew: input.autoRenew === "on", actor: { kind: "user", userId: user.id, ip } });
    return { autoRenew: r.autoRenew };
  },
);
