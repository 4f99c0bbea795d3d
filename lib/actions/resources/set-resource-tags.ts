"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { setResourceTags } from "@/lib/billing/resource-tags";
import { TagLinesSchema } from "@/lib/billing/tags";

const SetTagsSchema = z.object({ resourceId: z.string().uuid(), tags: TagLinesSchema });

/** Replaces a resource's tags with the form's `key:value` lines; the same role rule as activating and releasing. */
export const setResourceTagsAction = accountAction(
  { schema: SetTagsSchema, permission: "resources.manage", revalidate: ["/a/[accountId]/resources"] },
  async ({ db, input, user, ip }) => {
    const { resource, changed } = await setResourceTags(db, { accountId: input.accountId, resourceId: input.resourceId, tags: input.tags, actor: { kind: "user", userId: user.id, ip } });
    revalidatePath(`/a/${input.accountId}/resources/${resource.id}`);
    return { tags: resource.tags, changed };
  },
);
