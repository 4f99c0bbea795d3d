"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { revokeApiKey } from "@/lib/api/keys";
import { withTx } from "@/db/tx";

export const revokeApiKeyAction = accountAction(
  { schema: z.object({ keyId: z.string().uuid() }), permission: "api_keys.manage", revalidate: ["/a/[accountId]/api-keys"] },
  async ({ db, input, user, ip }) => {
    await withTx(db, (tx) => revokeApiKey(tx, { accountId: input.accountId, keyId: input.keyId, userId: user.id, ip }));
  },
);
