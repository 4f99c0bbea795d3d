import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { FigureCard } from "@/components/billing/figure-card";
import { AutoRechargeStatus } from "@/components/payments/auto-recharge-status";
import { SummaryBlock } from "@/components/billing/summary-block";
import { LatestInvoices } from "@/components/invoices/latest-invoices";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { RedeemCard } from "@/components/vouchers/redeem-form";
import { getDb } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { requireAccountPage } from "@/lib/auth/guards";
import { isLocale } from "@/lib/i18n/config";
import { formatMoney } from "@/lib/money";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pages.overview"))("title") };
}

export default async function OverviewPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { account } = await requireAccountPage((await params).accountId, "billing.read");
  const [t, rawLocale, balances] = await Promise.all([getTranslations("pages.overview"), getLocale(), getBalances(getDb(), { accountId: account.id })]);
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const money = (v: bigint) => formatMoney(v, locale);
  const base = `/a/${account.id}/billing`;

  const figures = [
    { key: "available", value: money(balances.available), emphasis: true },
    { key: "balance", value: money(balances.balance) },
    { key: "creditLimit", value: money(balances.creditLimit) },
    { key: "frozen", value: money(balances.frozen) },
  ] as const;

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href={`${base}/top-up`} className={buttonClass("primary")} data-testid="top-up">
            {t("topUp")}
          </Link>
        }
      />
      <section aria-labelledby="funds-heading">
        <h2 id="funds-heading" className="sr-only">
          {t("fundsHeading")}
        </h2>
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
          {figures.map((f) => (
            <FigureCard
              key={f.key}
              testId={`figure-${f.key}`}
              label={t(`figures.${f.key}.label`)}
              value={f.value}
              missingLabel={t("notAvailable")}
              hint={t(`figures.${f.key}.hint`)}
              emphasis={"emphasis" in f && f.emphasis}
            />
          ))}
        </div>
        <div className="mt-4">
          {balances.available < 0n ? <Alert tone="error">{t("negativeWarning")}</Alert> : <Alert tone="info">{t("keepPositive")}</Alert>}
        </div>
      </section>
      <div className="mt-6 grid gap-4 lg:grid-cols-3">
        <SummaryBlock title={t("vouchers.title")} href={`${base}/vouchers`} linkLabel={t("viewAll")} icon="vouchers" emptyTitle={t("vouchers.emptyTitle")} emptyBody={t("vouchers.emptyBody")} />
        <LatestInvoices accountId={account.id} />
        <SummaryBlock title={t("contracts.title")} href={`${base}/contracts`} linkLabel={t("viewDetails")} icon="contracts" emptyTitle={t("contracts.emptyTitle")} emptyBody={t("contracts.emptyBody")} />
      </div>
      <div className="mt-6">
        <AutoRechargeStatus accountId={account.id} />
      </div>
      <RedeemCard accountId={account.id} />
    </>
  );
}
