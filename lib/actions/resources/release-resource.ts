"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { releaseResource } from "@/lib/billing/release";

const ReleaseSchema = z.object({ resourceId: z.string().uuid() });

export const releaseResourceAction = accountAction(
  { schema: ReleaseSchema, permission: "resources.manage", revalidate: ["/a/[accountId]/resources", "/a/[accountId]/billing"] },
  async ({ db, input, user, ip }) => {
    const r = await releaseResource(db, { accountId: input.accountId, resourceId: input.resourceId, actor: { kind: "user", userId: user.id, ip } });
    return { status: r.status };
  },
);
