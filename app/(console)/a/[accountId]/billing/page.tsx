import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import type { ReactNode } from "react";
import { AlertStatus } from "@/components/alerts/alert-status";
import { ForecastFigure } from "@/components/billing/cost-forecast";
import { FigureCard } from "@/components/billing/figure-card";
import { SpendChart } from "@/components/billing/spend-chart";
import { VoucherSummary } from "@/components/billing/voucher-summary";
import { ContractsSummary } from "@/components/contracts/contracts-summary";
import { LatestInvoices } from "@/components/invoices/latest-invoices";
import { AutoRechargeStatus } from "@/components/payments/auto-recharge-status";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { type Balances, getBalances } from "@/db/queries/balances";
import { listContracts } from "@/db/queries/contracts";
import { listInvoices } from "@/lib/invoices/read";
import { availableVoucherSummary } from "@/db/queries/vouchers";
import { requireAccountPage } from "@/lib/auth/guards";
import { lowFunds } from "@/lib/alerts/low-funds";
import { getAlertSettings } from "@/lib/alerts/settings";
import { getAutoRecharge } from "@/lib/payments/auto-recharge";
import { monthForecast } from "@/lib/billing/forecast";
import { type Runway, runwayOf } from "@/lib/billing/runway";
import { type SpendMonth, spendChartMonths, spendMonthsOf } from "@/lib/billing/spend-months";
import { platformTimeZone } from "@/lib/billing/time";
import { clockNow } from "@/lib/clock";
import { isLocale } from "@/lib/i18n/config";
import { formatMoney, type MoneyLocale } from "@/lib/money";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pages.overview"))("title") };
}

const RANGES = [6, 12] as const;

/**
 * The Billing Center overview (概览): the four figures with their explanations, the
 * runway, Top up, auto-recharge and alert status, the monthly spend chart, and the
 * vouchers, invoices and contracts blocks. Every figure is read from the ledger, the
 * monthly rollup beside it or a closed month's invoice; nothing here grows with the length
 * of the history.
 */
export default async function OverviewPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<{ range?: string }> }) {
  const { account } = await requireAccountPage((await params).accountId, "billing.read");
  const accountId = account.id;
  const range = (await searchParams).range === "12" ? 12 : 6;
  const db = getDb();
  const now = clockNow();
  const balances = await getBalances(db, { accountId });
  const [t, tf, rawLocale, runway, spend, alerts, autoRecharge, vouchers, invoices, contracts, forecast] = await Promise.all([
    getTranslations("pages.overview"),
    getTranslations("pages.costs.forecast"),
    getLocale(),
    runwayOf(db, accountId, balances.available, now),
    spendMonthsOf(db, accountId, range, now),
    getAlertSettings(db, { accountId }),
    getAutoRecharge(db, { accountId }),
    availableVoucherSummary(db, { accountId, now }),
    listInvoices(db, { accountId, limit: 3, now }),
    listContracts(db, { accountId, limit: 3 }),
    // A month and a week of daily_costs rows, and the auto-renewals due this month.
    monthForecast(db, { accountId, now }),
  ]);
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const base = `/a/${accountId}/billing`;
  // Low: below an alert threshold the account set, or less than a week of runway left. The
  // warning names the lowest threshold crossed, as the alert block and the reminder emails do.
  const { low, threshold } = lowFunds(balances.available, alerts, runway.days);

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
      <Funds t={t} locale={locale} balances={balances} runway={runway} low={low} threshold={threshold} />
      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        <AutoRechargeStatus accountId={accountId} state={autoRecharge} />
        <AlertStatus accountId={accountId} settings={alerts} available={balances.available} below={threshold} />
      </div>
      <Spend
        t={t}
        base={base}
        range={range}
        months={spendChartMonths(spend, locale, { month: forecast.month, gross: forecast.forecast.gross, monthToDate: forecast.monthToDate.gross })}
        forecast={<ForecastFigure forecast={forecast} amount="gross" locale={locale} />}
        forecastLabels={{ forecast: tf("series"), forecastTotal: tf("total") }}
      />
      <div className="mt-6 grid gap-4 lg:grid-cols-3">
        <VoucherSummary accountId={accountId} vouchers={vouchers} />
        <LatestInvoices accountId={accountId} rows={invoices} />
        <ContractsSummary accountId={accountId} rows={contracts} />
      </div>
    </>
  );
}

type Translate = Awaited<ReturnType<typeof getTranslations<"pages.overview">>>;

/** The four figures, the runway, and the one line that says whether funds are fine, low or negative. */
function Funds({ t, locale, balances, runway, low, threshold }: { t: Translate; locale: MoneyLocale; balances: Balances; runway: Runway; low: boolean; threshold: bigint | undefined }) {
  const money = (v: bigint) => formatMoney(v, locale);
  const availableTone = balances.available < 0n ? ("negative" as const) : low ? ("low" as const) : undefined;
  const figures = [
    { key: "available", value: money(balances.available), emphasis: true },
    { key: "balance", value: money(balances.balance) },
    { key: "creditLimit", value: money(balances.creditLimit) },
    { key: "frozen", value: money(balances.frozen) },
  ] as const;
  return (
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
            tone={f.key === "available" ? availableTone : undefined}
            toneLabel={availableTone ? t(`tones.${availableTone}`) : undefined}
          />
        ))}
      </div>
      <p className="mt-3 text-sm text-gray-700" data-testid="runway">
        <span className="font-medium text-gray-900">{t("runway.label")}: </span>
        {runway.days === null ? t("runway.none") : runway.days === 0 ? t("runway.exhausted", { rate: money(runway.dailyRate) }) : t("runway.days", { days: runway.days, rate: money(runway.dailyRate) })}
      </p>
      <div className="mt-3">
        {balances.available < 0n ? <Alert tone="error">{t("negativeWarning")}</Alert> : low ? <Alert tone="warning">{threshold !== undefined ? t("belowThreshold", { threshold: money(threshold) }) : t("lowWarning")}</Alert> : <Alert tone="info">{t("keepPositive")}</Alert>}
      </div>
    </section>
  );
}

/** The monthly spend chart with its export link and the six months / one year switch. */
function Spend({ t, base, range, months, forecast, forecastLabels }: { t: Translate; base: string; range: number; months: SpendMonth[]; forecast: ReactNode; forecastLabels: { forecast: string; forecastTotal: string } }) {
  return (
    <section className="mt-6" aria-labelledby="spend-heading">
      <Card
        title={<span id="spend-heading">{t("spend.title")}</span>}
        actions={
          <div className="flex items-center gap-3">
            <a href={`${base}/spend/export${range === 12 ? "?range=12" : ""}`} className="text-sm font-medium text-blue-700 hover:underline" data-testid="spend-export">
              {t("spend.export")}
            </a>
            <nav aria-label={t("spend.range")} className="inline-flex rounded-md ring-1 ring-gray-300">
              {RANGES.map((r) => (
                <Link
                  key={r}
                  href={r === 6 ? base : `${base}?range=${r}`}
                  scroll={false}
                  aria-current={r === range ? "page" : undefined}
                  className={`px-3 py-1 text-sm font-medium first:rounded-l-md last:rounded-r-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 ${r === range ? "bg-blue-700 text-white" : "text-gray-800 hover:bg-gray-50"}`}
                  data-testid={`spend-range-${r}`}
                >
                  {r === 6 ? t("spend.sixMonths") : t("spend.oneYear")}
                </Link>
              ))}
            </nav>
          </div>
        }
      >
        <div className="mb-4">{forecast}</div>
        <SpendChart
          months={months}
          labels={{
            ...forecastLabels,
            paid: t("spend.paid"),
            discount: t("spend.discount"),
            voucher: t("spend.voucher"),
            total: t("spend.total"),
            month: t("spend.month"),
            inProgress: t("spend.inProgress"),
            showTable: t("spend.showTable"),
            showChart: t("spend.showChart"),
            caption: t("spend.caption"),
            empty: t("spend.empty"),
          }}
        />
        <p className="mt-3 text-xs text-gray-600">{t("spend.note", { tz: platformTimeZone() })}</p>
      </Card>
    </section>
  );
}
