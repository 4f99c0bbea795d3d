import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import type { CostSeries } from "@/components/billing/cost-chart";
import { COST_COLORS, FORECAST_COLOR, OTHER_COLOR } from "@/components/billing/cost-colors";
import { CostControls } from "@/components/billing/cost-controls";
import { CostForecastLine } from "@/components/billing/cost-forecast";
import { CostFigures } from "@/components/billing/cost-figures";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireAccountPage } from "@/lib/auth/guards";
import { costExplorer } from "@/lib/billing/cost-explorer";
import { amountOf, barCents, labelPeriods, nameGroups } from "@/lib/billing/cost-explorer-model";
import { costViewQuery, forecastScope, parseCostView } from "@/lib/billing/cost-view";
import { monthForecast } from "@/lib/billing/forecast";
import { platformTimeZone } from "@/lib/billing/time";
import { clockNow } from "@/lib/clock";
import { isLocale } from "@/lib/i18n/config";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pages.costs"))("title") };
}

/**
 * The cost explorer (成本分析): spend per day or month, stacked by product, region, billing
 * mode, resource or a tag key, filtered by the same, net or gross; the view lives in the URL.
 * One statement reads the range's daily_costs rows; the forecast (when the range includes
 * the month in progress) reads a month and a week of them.
 */
export default async function CostExplorerPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { accountId } = await params;
  // Who may see what was charged: the roles that see the transactions.
  await requireAccountPage(accountId, "transactions.read");
  const now = clockNow();
  const { view, badRange } = parseCostView(await searchParams, now);
  const db = getDb();
  const scope = forecastScope(view, now);
  const [t, rawLocale, data, forecast] = await Promise.all([
    getTranslations("pages.costs"),
    getLocale(),
    costExplorer(db, { accountId, view }),
    scope.inRange && scope.scope ? monthForecast(db, { accountId, now, scope: scope.scope }) : Promise.resolve(undefined),
  ]);
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const base = `/a/${accountId}/billing/costs`;
  const groups = nameGroups(data, view, locale);
  const periods = labelPeriods(view, locale);
  const series: CostSeries[] = groups.map((g, i) => ({
    name: g.name,
    color: g.row.other ? OTHER_COLOR : COST_COLORS[i % COST_COLORS.length]!,
    cents: periods.map((p) => barCents(amountOf(g.row.periods.get(p.key), view))),
  }));
  const rest = forecast ? amountOf(forecast.forecast, view) - amountOf(forecast.monthToDate, view) : 0n;
  if (forecast && view.granularity === "month" && rest > 0n) {
    series.push({ name: t("forecast.series"), color: FORECAST_COLOR, forecast: true, cents: periods.map((p) => (p.key === forecast.month ? barCents(rest) : 0)) });
  }

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description", { tz: platformTimeZone() })}
        actions={
          <a href={`${base}/export?${costViewQuery(view)}`} className={buttonClass("secondary")} download data-testid="costs-export">
            {t("exportCsv")}
          </a>
        }
      />
      <CostControls base={base} view={view} data={data} locale={locale} />
      {badRange && (
        <div className="mb-4">
          <Alert tone="warning">{t("badRange")}</Alert>
        </div>
      )}
      <CostFigures
        periods={periods.map((p) => ({ label: p.label, title: p.title }))}
        series={series}
        totals={{
          hrefs: groups.map((g) => (g.only ? `${base}?${costViewQuery(view, { filters: g.only })}` : null)),
          periodCents: periods.map((p) => barCents(groups.reduce((sum, g) => sum + amountOf(g.row.periods.get(p.key), view), 0n))),
          groupCents: groups.map((g) => barCents(amountOf(g.row.total, view))),
          totalCents: barCents(amountOf(data.total, view)),
        }}
        locale={locale}
        chartLabels={{ caption: t("caption"), total: t("total"), empty: t("empty") }}
        tableLabels={{ caption: t("tableCaption"), period: t("period"), total: t("total"), empty: t("empty"), only: groups.map((g) => t("only", { name: g.name })) }}
        before={forecast ? <CostForecastLine forecast={forecast} view={view} locale={locale} /> : scope.inRange && <p className="mb-3 text-sm text-gray-700">{t("forecast.unavailable")}</p>}
      />
    </>
  );
}
