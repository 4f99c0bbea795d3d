import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { getDb } from "@/db/client";
import { listUserAccounts } from "@/db/queries/memberships";
import { requireUserPage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";

/** Sends each user to where they work: their last account, or the staff console. */
export default async function Home() {
  const user = await requireUserPage();
  const accounts = await listUserAccounts(getDb(), { userId: user.id });
  const target = accounts.find((a) => a.id === user.lastAccountId) ?? accounts[0];
  if (target) redirect(`/a/${target.id}/${can(target.role, "billing.read") ? "billing" : "resources"}`);
  if (user.staffRole) redirect("/staff");
  const t = await getTranslations("members");
  return (
    <AuthCard title={t("noAccountTitle")} subtitle={t("noAccountBody")}>
      <p className="text-sm text-gray-600">{user.email}</p>
    </AuthCard>
  );
}
