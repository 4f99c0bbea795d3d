"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { createApiKey } from "@/lib/api/keys";
import { plainText } from "@/lib/validation/text";
import { withTx } from "@/db/tx";

const CreateKeySchema = z.object({ name: plainText().trim().min(1, "Give the key a name.").max(80) });

export const createApiKeyAction = accountAction(
  { schema: CreateKeySchema, permission: "api_keys.manage", revalidate: ["/a/[accountId]/api-keys"] },
  async ({ db, input, user, ip }) => {
    const { key, prefix } = await withTx(db, (tx) => createApiKey(tx, { accountId: input.accountId, name: input.name, userId: user.id, ip }));
    return { key, prefix };
  },
);
