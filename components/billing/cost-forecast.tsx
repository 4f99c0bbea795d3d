import { getTranslations } from "next-intl/server";
import { monthName } from "@/lib/billing/cost-explorer-model";
import type { MonthForecast } from "@/lib/billing/forecast";
import type { Locale } from "@/lib/i18n/config";
import { formatMoney } from "@/lib/money";

/**
 * The month-end forecast as one figure with the month to date, and the one line that says
 * how it is made. `amount` picks net (after discounts) or gross (list price).
 */
export async function ForecastFigure({ forecast, amount, locale, testId = "forecast" }: { forecast: MonthForecast; amount: "net" | "gross"; locale: Locale; testId?: string }) {
  const t = await getTranslations("pages.costs.forecast");
  const money = (v: { gross: bigint; net: bigint }) => formatMoney(amount === "gross" ? v.gross : v.net, locale);
  return (
    <div data-testid={testId}>
      <p className="text-sm text-gray-700">
        <span className="font-medium text-gray-900">{t("label", { month: monthName(forecast.month, locale) })} </span>
        <span className="font-semibold tabular-nums text-gray-900" data-testid={`${testId}-value`}>
          {money(forecast.forecast)}
        </span>
        <span className="ml-2 text-gray-600">{t("monthToDate", { amount: money(forecast.monthToDate) })}</span>
      </p>
      <p className="mt-1 text-xs text-gray-600">{t("method")}</p>
    </div>
  );
}

/** The forecast above the explorer's chart, in the view's amount. */
export function CostForecastLine({ forecast, view, locale }: { forecast: MonthForecast; view: { amount: "net" | "gross" }; locale: Locale }) {
  return (
    <div className="mb-4">
      <ForecastFigure forecast={forecast} amount={view.amount} locale={locale} testId="cost-forecast" />
    </div>
  );
}
