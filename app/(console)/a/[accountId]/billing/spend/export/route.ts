import { getDb } from "@/db/client";
import { accountRoute } from "@/lib/auth/route";
import { spendCsvLines, spendMonthsOf } from "@/lib/billing/spend-months";
import { clockNow } from "@/lib/clock";
import { csvResponse } from "@/lib/http/csv-response";
import { localeFromCookieHeader } from "@/lib/i18n/config";

export const runtime = "nodejs";

/**
 * The monthly spend of the chart as CSV, for 6 or 12 months: a closed month's figures are
 * its invoice's, the month in progress is summed from the charges and subscription orders
 * themselves (not the chart's rollup); each amount to the cent and in micro-dollars.
 */
export const GET = accountRoute("billing.read", async (req, { account }) => {
  const months = new URL(req.url).searchParams.get("range") === "12" ? 12 : 6;
  const locale = localeFromCookieHeader(req.headers.get("cookie"));
  const rows = await spendMonthsOf(getDb(), account.id, months, clockNow(), { exact: true });
  async function* lines() {
    yield* spendCsvLines(rows, locale);
  }
  return csvResponse(lines(), "monthly-spend");
});
