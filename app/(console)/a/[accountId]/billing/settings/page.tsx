import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAccountPage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import Link from "next/link";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings"))("title") };
}

export default async function SettingsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { account, role } = await requireAccountPage((await params).accountId, "billing.read");
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("settings.title")} description={t("settings.description")} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t("settings.language.title")}>
          <p className="mb-4 text-sm text-gray-600">{t("settings.language.description")}</p>
          <div className="max-w-xs">
            <LanguageSwitch id="settings-language" tone="light" />
          </div>
        </Card>
        <Card title={t("settings.account.title")}>
          <dl className="divide-y divide-gray-100 text-sm">
            <div className="grid grid-cols-3 gap-4 py-2.5">
              <dt className="text-gray-600">{t("settings.account.name")}</dt>
              <dd className="col-span-2 font-medium text-gray-900" data-testid="account-name">
                {account.name}
              </dd>
            </div>
            <div className="grid grid-cols-3 gap-4 py-2.5">
              <dt className="text-gray-600">{t("settings.account.id")}</dt>
              <dd className="col-span-2 break-all font-mono text-gray-900" data-testid="account-id">
                {account.id}
              </dd>
            </div>
            <div className="grid grid-cols-3 gap-4 py-2.5">
              <dt className="text-gray-600">{t("settings.account.yourRole")}</dt>
              <dd className="col-span-2 text-gray-900">{t(`roles.${role}`)}</dd>
            </div>
          </dl>
          <p className="mt-3 text-xs text-gray-600">{t("settings.account.idHint")}</p>
          <Link href={`/a/${account.id}/billing/team-info`} className="mt-3 mr-4 inline-block text-sm font-medium text-blue-700 underline" data-testid="team-info-link">
            {t("invoices.profile.link")}
          </Link>
          {can(role, "alerts.manage") && (
            <Link href={`/a/${account.id}/billing/alerts`} className="mt-3 mr-4 inline-block text-sm font-medium text-blue-700 underline" data-testid="alerts-link">
              {t("alerts.title")}
            </Link>
          )}
          {can(role, "api_keys.manage") && (
            <Link href={`/a/${account.id}/api-keys`} className="mt-3 inline-block text-sm font-medium text-blue-700 underline">
              {t("resources.apiKeys.manageLink")}
            </Link>
          )}
        </Card>
      </div>
    </>
  );
}
