"use server";
import { accountAction } from "@/lib/actions/action";
import { saveAlertSettings } from "@/lib/alerts/settings";
import { AlertSettingsSchema, parseAlertSettings } from "@/lib/alerts/validation";

export const saveAlertSettingsAction = accountAction(
  { schema: AlertSettingsSchema, permission: "alerts.manage", revalidate: ["/a/[accountId]/billing", "/a/[accountId]/billing/alerts"] },
  async ({ db, input, user, ip }) => {
    const values = parseAlertSettings(input);
    const { newSecret } = await saveAlertSettings(db, { ...values, accountId: input.accountId, userId: user.id, ip });
    return { enabled: values.enabled, newSecret };
  },
);
