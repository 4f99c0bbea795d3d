import { getDb } from "@/db/client";
import { accountRoute } from "@/lib/auth/route";
import { usageCsvLines } from "@/lib/billing/usage-csv";
import { parseUsageQuery } from "@/lib/billing/usage-query";
import { csvResponse } from "@/lib/http/csv-response";
import { localeFromCookieHeader } from "@/lib/i18n/config";

export const runtime = "nodejs";

/** The usage detail's filtered charges as CSV, streamed a chunk at a time; same guard as the page. */
export const GET = accountRoute("transactions.read", async (req, { account }) => {
  const { filters } = parseUsageQuery(account.id, Object.fromEntries(new URL(req.url).searchParams));
  return csvResponse(usageCsvLines(getDb(), filters, localeFromCookieHeader(req.headers.get("cookie"))), "usage");
});
