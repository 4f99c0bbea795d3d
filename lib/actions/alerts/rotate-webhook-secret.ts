"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/action";
import { rotateWebhookSecret } from "@/lib/alerts/settings";
import { AppError } from "@/lib/errors";

export const rotateWebhookSecretAction = accountAction(
  { schema: z.object({}), permission: "alerts.manage", revalidate: ["/a/[accountId]/billing/alerts"] },
  async ({ db, input, user, ip }) => {
    const rotated = await rotateWebhookSecret(db, { accountId: input.accountId, userId: user.id, ip });
    if (!rotated) throw new AppError("VALIDATION", "Save a webhook URL first.", { webhookUrl: ["alerts.errors.webhookUrl"] });
    return rotated;
  },
);
