"use client";
import Link from "next/link";
import { useSyncExternalStore } from "react";
import { formatMoney, type MoneyLocale } from "@/lib/money";
import { ScrollBox } from "@/components/ui/scroll-box";
import { KEEP_FIRST_COLUMN, KEEP_FIRST_HEADER } from "@/components/ui/table";
import type { CostPeriod, CostSeries } from "./cost-chart";

// The cells are styled from the table, not one by one: a year of days is 365 rows.
const TABLE = [
  "min-w-full divide-y divide-gray-200 text-left text-sm",
  KEEP_FIRST_COLUMN,
  KEEP_FIRST_HEADER.card,
  "[&_th]:px-3 [&_th]:py-2 [&_td]:px-3 [&_td]:py-2 [&_td]:whitespace-nowrap [&_td]:text-right [&_td]:tabular-nums [&_td]:text-gray-800",
  "[&_tbody_th]:whitespace-nowrap [&_tbody_th]:text-left [&_tbody_th]:font-medium [&_tbody_th]:text-gray-900",
  "[&_thead_th]:text-xs [&_thead_th]:font-semibold [&_thead_th]:text-gray-600 [&_thead_th]:text-right [&_thead_th:first-child]:text-left",
  "[&_tbody]:divide-y [&_tbody]:divide-gray-100 [&_tfoot_td]:font-semibold [&_tfoot_td]:text-gray-900 [&_tfoot]:border-t-2 [&_tfoot]:border-gray-300",
].join(" ");

const noSubscribe = () => () => {};

export interface CostTableLabels {
  caption: string;
  period: string;
  total: string;
  empty: string;
  /** "Show only {name}", with the name filled in per group. */
  only: string[];
}

/** What the table adds to the chart's series: each group's link to its view alone, and exact totals (rounded once, not summed from rounded cells). */
export interface CostTableTotals {
  hrefs: (string | null)[];
  periodCents: number[];
  groupCents: number[];
  totalCents: number;
}

/**
 * The chart's figures as a table: a row per day or month, a column per group (each header
 * a link to the view of that group alone), and the totals, which are the chart's. A client
 * component over the chart's own data, so the page's payload carries the figures once
 * rather than a year of rendered rows a second time. The server renders the header and
 * the totals; the rows (365 for a year of days) are drawn in the browser, where the chart
 * is too: rendering them on the server was most of the page's time (bench:costs).
 */
export function CostTable({ periods, series, totals, labels, locale }: { periods: CostPeriod[]; series: CostSeries[]; totals: CostTableTotals; labels: CostTableLabels; locale: MoneyLocale }) {
  const money = (cents: number) => formatMoney(BigInt(cents) * 10_000n, locale);
  const groups = series.filter((s) => !s.forecast);
  const mounted = useSyncExternalStore(noSubscribe, () => true, () => false);
  return (
    <ScrollBox className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
      <table className={TABLE} data-testid="cost-table">
        <caption className="sr-only">{labels.caption}</caption>
        <thead className="bg-gray-50">
          <tr>
            <th scope="col">{labels.period}</th>
            {groups.map((g, i) => (
              <th key={i} scope="col">
                {totals.hrefs[i] ? (
                  <Link href={totals.hrefs[i]} className="text-blue-700 hover:underline" title={labels.only[i]} data-testid="cost-group-link">
                    {g.name}
                  </Link>
                ) : (
                  g.name
                )}
              </th>
            ))}
            <th scope="col">{labels.total}</th>
          </tr>
        </thead>
        {groups.length === 0 ? (
          <tbody>
            <tr>
              <td colSpan={2} className="text-center! text-gray-600!">
                {labels.empty}
              </td>
            </tr>
          </tbody>
        ) : (
          <>
            <tbody>
              {(mounted ? periods : []).map((p, j) => (
                <tr key={j} data-testid="cost-row">
                  <th scope="row">{p.title}</th>
                  {groups.map((g, i) => (
                    <td key={i}>{money(g.cents[j]!)}</td>
                  ))}
                  <td className="font-medium">{money(totals.periodCents[j]!)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="cost-total-row">
                <th scope="row" className="text-left font-semibold text-gray-900">
                  {labels.total}
                </th>
                {groups.map((_, i) => (
                  <td key={i}>{money(totals.groupCents[i]!)}</td>
                ))}
                <td data-testid="cost-total">{money(totals.totalCents)}</td>
              </tr>
            </tfoot>
          </>
        )}
      </table>
    </ScrollBox>
  );
}
