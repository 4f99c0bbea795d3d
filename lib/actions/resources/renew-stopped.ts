"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { renewStopped } from "@/lib/billing/renew-stopped";
import { clockNow } from "@/lib/clock";

const RenewSchema = z.object({ resourceId: z.string().uuid() });

/** Renews a subscription stopped at expiry (one more term, from the old expiry) and resumes it. */
export const renewStoppedAction = accountAction(
  { schema: RenewSchema, permission: "resources.manage", revalidate: ["/a/[accountId]/resources", "/a/[accountId]/billing"] },
  async ({ db, input, user, ip }) => {
    const r = await renewStopped(db, { accountId: input.accountId, resourceId: input.resourceId, actor: { kind: "user", userId: user.id, ip }, now: clockNow() });
    return { status: r.resource.status, expiresAt: r.resource.expiresAt?.toISOString() ?? null };
  },
);
