"use client";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import type { MoneyLocale } from "@/lib/money";
import { CostChart, type CostChartLabels, type CostPeriod, type CostSeries } from "./cost-chart";
import { CostTable, type CostTableLabels, type CostTableTotals } from "./cost-table";

/** The explorer's chart and its table from one copy of the figures in the page. */
export function CostFigures(props: { periods: CostPeriod[]; series: CostSeries[]; totals: CostTableTotals; locale: MoneyLocale; chartLabels: CostChartLabels; tableLabels: CostTableLabels; before?: ReactNode }) {
  return (
    <>
      <Card>
        {props.before}
        <CostChart periods={props.periods} series={props.series} locale={props.locale} labels={props.chartLabels} />
      </Card>
      <div className="mt-6">
        <CostTable periods={props.periods} series={props.series} totals={props.totals} labels={props.tableLabels} locale={props.locale} />
      </div>
    </>
  );
}
