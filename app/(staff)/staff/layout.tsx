import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ConsoleFrame } from "@/components/shell/console-frame";
import { requireStaffPage } from "@/lib/auth/guards";

export default async function StaffLayout({ children }: { children: ReactNode }) {
  // The layout guards itself; every staff page guards again.
  const user = await requireStaffPage();
  const t = await getTranslations();
  return (
    <ConsoleFrame
      homeHref="/staff"
      wide
      brandSuffix={t("staff.badge")}
      navLabel={t("staff.nav.label")}
      groups={[
        {
          label: t("staff.title"),
          items: [
            { href: "/staff", label: t("staff.nav.accounts"), icon: "accounts", exact: true, testId: "staff-accounts" },
            { href: "/staff/vouchers", label: t("vouchers.staff.nav"), icon: "vouchers", testId: "staff-vouchers" },
            { href: "/staff/payments", label: t("payments.staff.nav"), icon: "paymentMethods", testId: "staff-payments" },
            { href: "/staff/contracts", label: t("contracts.staff.nav"), icon: "contracts", testId: "staff-contracts" },
            { href: "/staff/approvals", label: t("staff.nav.approvals"), icon: "staff", testId: "staff-approvals" },
            { href: "/staff/runs", label: t("staff.nav.runs"), icon: "settings", testId: "staff-runs" },
            { href: "/staff/audit", label: t("staff.nav.audit"), icon: "transactions", testId: "staff-audit" },
            { href: "/staff/outbox", label: t("staff.nav.outbox"), icon: "outbox", testId: "staff-outbox" },
            { href: "/staff/webhooks", label: t("webhooks.nav"), icon: "outbox", testId: "staff-webhooks" },
            { href: "/staff/platform-keys", label: t("platformKeys.nav"), icon: "settings", testId: "staff-platform-keys" },
          ],
        },
      ]}
      user={{ name: user.name, email: user.email, roleLabel: t("staff.roleLabel", { role: t(`staff.roles.${user.staffRole}`) }) }}
    >
      {children}
    </ConsoleFrame>
  );
}
