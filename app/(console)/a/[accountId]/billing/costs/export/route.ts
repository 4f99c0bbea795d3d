import { getDb } from "@/db/client";
import { accountRoute } from "@/lib/auth/route";
import { costCsvLines } from "@/lib/billing/cost-csv";
import { parseCostView } from "@/lib/billing/cost-view";
import { clockNow } from "@/lib/clock";
import { localeFromCookieHeader } from "@/lib/i18n/config";
import { csvResponse } from "@/lib/http/csv-response";

export const runtime = "nodejs";

/** The cost explorer's view as CSV (every group, not only the top 10); same guard as the page. */
export const GET = accountRoute("transactions.read", async (req, { account }) => {
  const url = new URL(req.url);
  const { view } = parseCostView(Object.fromEntries(url.searchParams), clockNow());
  const locale = localeFromCookieHeader(req.headers.get("cookie"));
  return csvResponse(costCsvLines(getDb(), { accountId: account.id, view, locale }), "costs");
});
