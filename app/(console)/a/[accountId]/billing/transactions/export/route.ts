import { getDb } from "@/db/client";
import { csvResponse } from "@/lib/http/csv-response";
import { accountRoute } from "@/lib/auth/route";
import { transactionsCsvLines } from "@/lib/ledger/csv";
import { parseTransactionQuery } from "@/lib/ledger/transaction-query";
import { translator } from "@/lib/i18n/translator";
import { localeFromCookieHeader } from "@/lib/i18n/config";

export const runtime = "nodejs";

/** The filtered movements as CSV, streamed page by page; same guard as the page. */
export const GET = accountRoute("transactions.read", async (req, { account }) => {
  const url = new URL(req.url);
  const { filters } = parseTransactionQuery(Object.fromEntries(url.searchParams));
  const locale = localeFromCookieHeader(req.headers.get("cookie"));
  const t = translator(locale);
  const lines = transactionsCsvLines(getDb(), {
    accountId: account.id,
    ...filters,
    locale,
    typeLabel: (type) => (t.has(`pages.transactions.types.${type}` as "pages.transactions.types.usage") ? t(`pages.transactions.types.${type}` as "pages.transactions.types.usage") : type),
  });
  return csvResponse(lines, "transactions");
});
