"use client";
import { BarChart, type CustomTooltipProps } from "@tremor/react";
import { useSyncExternalStore } from "react";
import { formatMoney, type MoneyLocale } from "@/lib/money";
import { SWATCH } from "./cost-colors";

export interface CostSeries {
  name: string;
  color: string;
  /** Whole cents per period (rounded half-even from micro-dollars on the server), in the order of `periods`. */
  cents: number[];
  /** The forecast segment: shown after the groups, only where it has a value. */
  forecast?: boolean;
}

export interface CostPeriod {
  /** The axis label ("Apr 2026", "4月15日"). */
  label: string;
  /** The hover's heading (with the year for days). */
  title: string;
}

export interface CostChartLabels {
  caption: string;
  total: string;
  empty: string;
}

type Row = Record<string, string | number>;
const noSubscribe = () => () => {};

/**
 * The cost explorer's stacked bars: one series per group (top 10 and Other) and, on the
 * month in progress, the forecast's rest of the month. The hover lists every group's
 * amount for the period hovered and their total, in the reader's language; the axis says
 * US$ as the page's figures do. The data is in the page; the chart draws itself after
 * hydration (nothing of it would be visible from the server's render).
 */
export function CostChart({ periods, series, locale, labels }: { periods: CostPeriod[]; series: CostSeries[]; locale: MoneyLocale; labels: CostChartLabels }) {
  // True after hydration only: the server leaves the chart area empty rather than rendering a chart nobody sees.
  const mounted = useSyncExternalStore(noSubscribe, () => true, () => false);
  const money = (cents: number) => formatMoney(BigInt(cents) * 10_000n, locale);
  const axis = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", maximumFractionDigits: 0 });
  const ids = series.map((_, i) => `s${i}`);
  const data: Row[] = periods.map((p, j) => {
    const row: Row = { period: p.label, j };
    series.forEach((s, i) => (row[ids[i]!] = s.cents[j]! / 100));
    return row;
  });
  const empty = series.every((s) => s.cents.every((c) => c === 0));

  function Tooltip({ active, payload }: CustomTooltipProps) {
    const j = (payload?.[0]?.payload as Row | undefined)?.j;
    if (!active || typeof j !== "number") return null;
    const shown = series.map((s, i) => ({ s, i })).filter(({ s }) => s.cents[j] !== 0);
    const total = series.reduce((sum, s) => sum + (s.forecast ? 0 : s.cents[j]!), 0);
    return (
      <div className="max-w-sm rounded-md bg-white p-3 text-sm shadow-lg ring-1 ring-gray-200" data-testid="cost-tooltip">
        <p className="mb-2 font-semibold text-gray-900">{periods[j]!.title}</p>
        <dl className="space-y-1">
          {shown.map(({ s, i }) => (
            <div key={i} className="flex items-center justify-between gap-6" data-testid="cost-tip-row">
              <dt className="flex min-w-0 items-center gap-2 text-gray-700">
                <span className={`inline-block size-2.5 shrink-0 rounded-sm ${SWATCH[s.color]}`} aria-hidden="true" />
                <span className="truncate">{s.name}</span>
              </dt>
              <dd className="font-medium tabular-nums text-gray-900">{money(s.cents[j]!)}</dd>
            </div>
          ))}
          <div className="flex items-center justify-between gap-6 border-t border-gray-200 pt-1" data-testid="cost-tip-total">
            <dt className="font-medium text-gray-900">{labels.total}</dt>
            <dd className="font-semibold tabular-nums text-gray-900">{money(total)}</dd>
          </div>
        </dl>
      </div>
    );
  }

  return (
    <figure data-testid="cost-chart">
      <figcaption className="sr-only">{labels.caption}</figcaption>
      {mounted ? (
        <BarChart
          className="h-80"
          data={data}
          index="period"
          categories={ids}
          colors={series.map((s) => s.color)}
          stack
          yAxisWidth={80}
          valueFormatter={(v) => axis.format(v)}
          customTooltip={Tooltip}
          noDataText={labels.empty}
          showAnimation={false}
          showLegend={false}
        />
      ) : (
        <div className="h-80" aria-hidden="true" />
      )}
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-gray-700" data-testid="cost-legend">
        {series.map((s, i) => (
          <li key={i} className="flex items-center gap-1.5">
            <span className={`inline-block size-2.5 rounded-sm ${SWATCH[s.color]}`} aria-hidden="true" />
            {s.name}
          </li>
        ))}
      </ul>
      {empty && <p className="mt-2 text-sm text-gray-700">{labels.empty}</p>}
    </figure>
  );
}
