import { getDb } from "@/db/client";
import { accountRoute } from "@/lib/auth/route";
import { csvResponse } from "@/lib/http/csv-response";
import { localeFromCookieHeader } from "@/lib/i18n/config";
import { parseHistoryQuery, paymentHistoryCsvLines } from "@/lib/payments/history";

export const runtime = "nodejs";

/** The filtered payments history as CSV, streamed 500 rows at a time; same guard as the page. */
export const GET = accountRoute("billing.read", async (req, { account }) => {
  const { filters } = parseHistoryQuery(Object.fromEntries(new URL(req.url).searchParams));
  return csvResponse(paymentHistoryCsvLines(getDb(), { accountId: account.id, ...filters, locale: localeFromCookieHeader(req.headers.get("cookie")) }), "payments");
});
