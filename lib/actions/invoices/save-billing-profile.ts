"use server";
import { accountAction } from "@/lib/actions/action";
import { BillingProfileSchema, saveBillingProfile } from "@/lib/invoices/profile";

/** Team info: owners, admins and finance members (billing_profile.manage). */
export const saveBillingProfileAction = accountAction(
  { schema: BillingProfileSchema, permission: "billing_profile.manage", revalidate: ["/a/[accountId]/billing/team-info"] },
  async ({ db, input, user, ip }) => {
    const { accountId, ...profile } = input;
    await saveBillingProfile(db, { accountId, profile, userId: user.id, ip });
    return { saved: true };
  },
);
