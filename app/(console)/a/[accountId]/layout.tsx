import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { getDb } from "@/db/client";
import { listUserAccounts } from "@/db/queries/memberships";
import { AccountSwitcher } from "@/components/shell/account-switcher";
import { ConsoleFrame } from "@/components/shell/console-frame";
import type { NavGroup } from "@/components/shell/sidebar-nav";
import { requireAccountPage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";

export default async function AccountLayout({ children, params }: { children: ReactNode; params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  // The layout guards itself; every page below guards again with its own permission.
  const { user, account, role } = await requireAccountPage(accountId);
  const [t, accounts] = await Promise.all([getTranslations(), listUserAccounts(getDb(), { userId: user.id })]);
  const base = `/a/${account.id}`;

  const groups: NavGroup[] = [];
  if (can(role, "billing.read")) {
    groups.push({
      label: t("shell.nav.billingCenter"),
      items: [
        { href: `${base}/billing`, label: t("shell.nav.overview"), icon: "overview", exact: true, testId: "overview" },
        { href: `${base}/billing/transactions`, label: t("shell.nav.transactions"), icon: "transactions", testId: "transactions" },
        ...(can(role, "transactions.read") ? [{ href: `${base}/billing/costs`, label: t("shell.nav.costs"), icon: "costs", testId: "costs" }] : []),
        { href: `${base}/billing/usage`, label: t("shell.nav.usage"), icon: "usage", testId: "usage" },
        { href: `${base}/billing/budgets`, label: t("shell.nav.budgets"), icon: "budgets", testId: "budgets" },
        { href: `${base}/billing/vouchers`, label: t("shell.nav.vouchers"), icon: "vouchers", testId: "vouchers" },
        { href: `${base}/billing/invoices`, label: t("shell.nav.invoices"), icon: "invoices", testId: "invoices" },
        { href: `${base}/billing/payments`, label: t("shell.nav.payments"), icon: "transactions", testId: "payments" },
        { href: `${base}/billing/contracts`, label: t("shell.nav.contracts"), icon: "contracts", testId: "contracts" },
        { href: `${base}/billing/payment-methods`, label: t("shell.nav.paymentMethods"), icon: "paymentMethods", testId: "payment-methods" },
        { href: `${base}/billing/settings`, label: t("shell.nav.settings"), icon: "settings", testId: "settings" },
      ],
    });
  }
  const accountItems: NavGroup["items"] = [];
  if (can(role, "resources.read")) accountItems.push({ href: `${base}/resources`, label: t("shell.nav.resources"), icon: "resources", testId: "resources" });
  if (can(role, "members.read")) accountItems.push({ href: `${base}/members`, label: t("shell.nav.members"), icon: "members", testId: "members" });
  if (accountItems.length) groups.push({ label: t("shell.nav.accountGroup"), items: accountItems });
  if (user.staffRole) groups.push({ items: [{ href: "/staff", label: t("shell.nav.staffConsole"), icon: "staff", testId: "staff" }] });

  return (
    <ConsoleFrame
      homeHref={can(role, "billing.read") ? `${base}/billing` : `${base}/resources`}
      context={<AccountSwitcher current={account.id} accounts={accounts.map((a) => ({ id: a.id, name: a.name }))} />}
      navLabel={t("shell.nav.label")}
      groups={groups}
      user={{ name: user.name, email: user.email, roleLabel: t("shell.topBar.role", { role: t(`roles.${role}`) }) }}
    >
      {children}
    </ConsoleFrame>
  );
}
