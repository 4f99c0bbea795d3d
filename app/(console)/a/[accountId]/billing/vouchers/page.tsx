import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { RedeemForm } from "@/components/vouchers/redeem-form";
import { VouchersTable } from "@/components/vouchers/vouchers-table";
import { getDb } from "@/db/client";
import { listAccountVouchers, productNames, VOUCHER_TABS, type VoucherTab } from "@/db/queries/vouchers";
import { can } from "@/lib/auth/permissions";
import { requireAccountPage } from "@/lib/auth/guards";
import { isLocale } from "@/lib/i18n/config";
import { formatMoney } from "@/lib/money";
import { clockNow } from "@/lib/clock";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pages.vouchers"))("title") };
}

export default async function VouchersPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { account, role } = await requireAccountPage((await params).accountId, "billing.read");
  const requested = (await searchParams).tab;
  const tab: VoucherTab = VOUCHER_TABS.includes(requested as VoucherTab) ? (requested as VoucherTab) : "available";
  const db = getDb();
  const [t, tp, rawLocale, all, names] = await Promise.all([getTranslations("vouchers.page"), getTranslations("pages.vouchers"), getLocale(), listAccountVouchers(db, { accountId: account.id, now: clockNow() }), productNames(db)]);
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const money = (v: bigint) => formatMoney(v, locale);
  const base = `/a/${account.id}/billing/vouchers`;
  const count = (k: VoucherTab) => all.filter((v) => v.tab === k).length;
  const rows = all.filter((v) => v.tab === tab);
  const available = all.filter((v) => v.tab === "available");
  const soon = available.filter((v) => v.expiringSoon);

  return (
    <>
      <PageHeader title={tp("title")} description={tp("description")} />
      <div className="mb-6 grid gap-4 lg:grid-cols-3">
        {can(role, "vouchers.redeem") && (
          <Card title={(await getTranslations("vouchers.redeem"))("title")} className="lg:col-span-2">
            <RedeemForm accountId={account.id} />
          </Card>
        )}
        <Card title={t("rulesTitle")}>
          <p className="text-sm font-medium text-gray-900" data-testid="voucher-summary">
            {t("summary", { count: available.length, amount: money(available.reduce((s, v) => s + v.remaining, 0n)) })}
          </p>
          <p className="mt-2 text-sm text-gray-600">{t("rules")}</p>
        </Card>
      </div>
      {soon.length > 0 && (
        <div className="mb-4" data-testid="expiring-soon">
          <Alert tone="warning">{t("expiringSoon", { count: soon.length, amount: money(soon.reduce((s, v) => s + v.remaining, 0n)) })}</Alert>
        </div>
      )}
      <nav aria-label={t("tabsLabel")} className="mb-4 flex gap-1 border-b border-gray-200">
        {VOUCHER_TABS.map((k) => (
          <Link
            key={k}
            href={`${base}?tab=${k}`}
            aria-current={k === tab ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${k === tab ? "border-blue-700 text-blue-800" : "border-transparent text-gray-600 hover:border-gray-300 hover:text-gray-900"}`}
          >
            {t(`tabs.${k}`, { count: count(k) })}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <EmptyState icon="vouchers" title={t(`empty.${tab}`)} body={t("emptyBody")} />
      ) : (
        <VouchersTable accountId={account.id} rows={rows} names={names} locale={locale} caption={t(`tabs.${tab}`, { count: rows.length })} />
      )}
      <p className="mt-3 text-xs text-gray-600">{t("timesUtc")}</p>
    </>
  );
}
