import { getDb } from "@/db/client";
import { csvResponse } from "@/lib/http/csv-response";
import { listMembers } from "@/db/queries/memberships";
import { accountRoute } from "@/lib/auth/route";
import { ordersCsvLines } from "@/lib/billing/orders-csv";
import { parseOrderQuery } from "@/lib/billing/order-query";
import { localeFromCookieHeader } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";

export const runtime = "nodejs";

export const GET = accountRoute("resources.read", async (req, { account }) => {
  const { filters } = parseOrderQuery(Object.fromEntries(new URL(req.url).searchParams));
  const locale = localeFromCookieHeader(req.headers.get("cookie"));
  const t = translator(locale);
  const members = new Map((await listMembers(getDb(), { accountId: account.id })).map((m) => [m.userId, m.email]));
  const lines = ordersCsvLines(getDb(), {
    accountId: account.id,
    ...filters,
    locale,
    typeLabel: (type) => t(`resources.orderTypes.${type}` as "resources.orderTypes.activation"),
    creatorName: (id) => (id ? (members.get(id) ?? id) : t("resources.system")),
  });
  return csvResponse(lines, "orders");
});
