import { Readable } from "node:stream";
import { getDb } from "@/db/client";
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
  async function* body() {
    yield "\uFEFF";
    for await (const line of lines) yield `${line}\r\n`;
  }
  return new Response(Readable.toWeb(Readable.from(body())) as ReadableStream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="orders-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "private, no-store",
    },
  });
});
