"use client";
import { BarChart, type CustomTooltipProps } from "@tremor/react";
import { useState } from "react";
import { RowHeader, Table, Td } from "@/components/ui/table";
import type { SpendMonth } from "@/lib/billing/spend-months";

export type { SpendMonth };

export interface SpendChartLabels {
  paid: string;
  discount: string;
  voucher: string;
  total: string;
  month: string;
  inProgress: string;
  showTable: string;
  showChart: string;
  caption: string;
  empty: string;
  /** The forecast segment's name ("Forecast (rest of month)") and the hover's forecast line. */
  forecast: string;
  forecastTotal: string;
}

type Row = { [category: string]: string | number | SpendMonth; m: SpendMonth };

/**
 * The monthly spend chart: stacked bars of what was actually paid, what promotions and
 * discounts took off, and what vouchers paid (together the month's list-price total).
 * The hover shows all four exactly; a table view gives the same figures to keyboard
 * and screen-reader users.
 */
export function SpendChart({ months, labels }: { months: SpendMonth[]; labels: SpendChartLabels }) {
  const [table, setTable] = useState(false);
  const data: Row[] = months.map((m) => ({
    month: m.inProgress ? `${m.label}*` : m.label,
    [labels.paid]: m.paidCents / 100,
    [labels.discount]: m.discountCents / 100,
    [labels.voucher]: m.voucherCents / 100,
    [labels.forecast]: (m.forecastCents ?? 0) / 100,
    m,
  }));
  const hasForecast = months.some((m) => m.forecastCents !== undefined);
  const empty = months.every((m) => m.paidCents === 0 && m.discountCents === 0 && m.voucherCents === 0);

  function Tooltip({ active, payload }: CustomTooltipProps) {
    const m = (payload?.[0]?.payload as Row | undefined)?.m;
    if (!active || !m) return null;
    const line = (id: string, name: string, value: string, swatch: string) => (
      <div className="flex items-center justify-between gap-6" data-testid={`tip-${id}`}>
        <dt className="flex items-center gap-2 text-gray-700">
          <span className={`inline-block size-2.5 rounded-sm ${swatch}`} aria-hidden="true" />
          {name}
        </dt>
        <dd className="font-medium tabular-nums text-gray-900">{value}</dd>
      </div>
    );
    return (
      <div className="rounded-md bg-white p-3 text-sm shadow-lg ring-1 ring-gray-200" data-testid="spend-tooltip">
        <p className="mb-2 font-semibold text-gray-900">
          {m.label}
          {m.inProgress && <span className="ml-1 font-normal text-gray-600">({labels.inProgress})</span>}
        </p>
        <dl className="space-y-1">
          {line("paid", labels.paid, m.paid, "bg-blue-500")}
          {line("discount", labels.discount, m.discount, "bg-amber-400")}
          {line("voucher", labels.voucher, m.voucher, "bg-emerald-500")}
          <div className="flex items-center justify-between gap-6 border-t border-gray-200 pt-1" data-testid="tip-total">
            <dt className="font-medium text-gray-900">{labels.total}</dt>
            <dd className="font-semibold tabular-nums text-gray-900">{m.total}</dd>
          </div>
          {m.forecast !== undefined && (
            <div className="flex items-center justify-between gap-6" data-testid="tip-forecast">
              <dt className="flex items-center gap-2 text-gray-700">
                <span className="inline-block size-2.5 rounded-sm bg-gray-300" aria-hidden="true" />
                {labels.forecastTotal}
              </dt>
              <dd className="font-medium tabular-nums text-gray-900">{m.forecast}</dd>
            </div>
          )}
        </dl>
      </div>
    );
  }

  return (
    <div>
      <SpendViewToggle table={table} onToggle={() => setTable((v) => !v)} labels={labels} />
      {table ? (
        <SpendTable months={months} labels={labels} />
      ) : (
        <figure data-testid="spend-chart">
          <figcaption className="sr-only">{labels.caption}</figcaption>
          <BarChart
            className="h-72"
            data={data}
            index="month"
            categories={hasForecast ? [labels.paid, labels.discount, labels.voucher, labels.forecast] : [labels.paid, labels.discount, labels.voucher]}
            colors={["blue", "amber", "emerald", "gray-300"]}
            stack
            yAxisWidth={72}
            valueFormatter={(v) => `$${Intl.NumberFormat("en-US", { maximumFractionDigits: 0 }).format(v)}`}
            customTooltip={Tooltip}
            noDataText={labels.empty}
            showAnimation={false}
            showLegend={false}
          />
          <SpendLegend labels={labels} forecast={hasForecast} />
          {empty && <p className="mt-2 text-sm text-gray-700">{labels.empty}</p>}
        </figure>
      )}
    </div>
  );
}

/** Switches between the chart and the table view. */
function SpendViewToggle({ table, onToggle, labels }: { table: boolean; onToggle: () => void; labels: SpendChartLabels }) {
  return (
    <div className="mb-3 flex justify-end">
      <button
        type="button"
        aria-pressed={table}
        onClick={onToggle}
        className="rounded-md px-2.5 py-1 text-sm font-medium text-blue-700 ring-1 ring-inset ring-gray-300 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
        data-testid="spend-view-toggle"
      >
        {table ? labels.showChart : labels.showTable}
      </button>
    </div>
  );
}

/** Our own legend: Tremor's puts a focusable div inside its <ol>, which is not a list. */
function SpendLegend({ labels, forecast }: { labels: SpendChartLabels; forecast: boolean }) {
  return (
    <ul className="mt-2 flex flex-wrap justify-end gap-4 text-sm text-gray-700">
      {[
        [labels.paid, "bg-blue-500"],
        [labels.discount, "bg-amber-400"],
        [labels.voucher, "bg-emerald-500"],
        ...(forecast ? [[labels.forecast, "bg-gray-300"]] : []),
      ].map(([name, swatch]) => (
        <li key={name} className="flex items-center gap-1.5">
          <span className={`inline-block size-2.5 rounded-sm ${swatch}`} aria-hidden="true" />
          {name}
        </li>
      ))}
    </ul>
  );
}

function SpendTable({ months, labels }: { months: SpendMonth[]; labels: SpendChartLabels }) {
  const columns = [labels.month, labels.paid, labels.discount, labels.voucher, labels.total].map((label, i) => ({ key: label, label, numeric: i > 0 }));
  return (
    <Table frame="bare" density="compact" testId="spend-table" caption={labels.caption} columns={columns}>
      {months.map((m) => (
        <tr key={m.key} data-testid="spend-row" data-month={m.key}>
          <RowHeader>
            {m.label}
            {m.inProgress && <span className="ml-1 font-normal text-gray-600">({labels.inProgress})</span>}
            {m.forecast !== undefined && (
              <span className="block text-xs font-normal text-gray-600">
                {labels.forecastTotal}: {m.forecast}
              </span>
            )}
          </RowHeader>
          <Td numeric>{m.paid}</Td>
          <Td numeric>{m.discount}</Td>
          <Td numeric>{m.voucher}</Td>
          <Td numeric tone="strong">
            {m.total}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
