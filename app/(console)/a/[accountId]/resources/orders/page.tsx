import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyPanel } from "@/components/console/feature-page";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { countOrders, listOrders, listProducts } from "@/db/queries/billing";
import { listMembers } from "@/db/queries/memberships";
import { requireAccountPage } from "@/lib/auth/guards";
import { parseOrderQuery } from "@/lib/billing/order-query";
import { formatMoney, type MoneyLocale } from "@/lib/money";

const PAGE_SIZE = 25;
const input = "mt-1 block rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-blue-700";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("resources"))("ordersTitle") };
}

export default async function OrdersPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { accountId } = await params;
  await requireAccountPage(accountId, "resources.read");
  const t = await getTranslations("resources");
  const tx = await getTranslations("pages.transactions");
  const locale = (await getLocale()) as MoneyLocale;
  const format = await getFormatter();
  const { query, filters } = parseOrderQuery(await searchParams);
  const db = getDb();
  const [total, rows, products, members] = await Promise.all([
    countOrders(db, { accountId, ...filters }),
    listOrders(db, { accountId, ...filters, limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE }),
    listProducts(db),
    listMembers(db, { accountId }),
  ]);
  const names = new Map(members.map((m) => [m.userId, m.name]));
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const base = `/a/${accountId}/resources/orders`;
  const qs = (extra: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, page: undefined, ...extra })) if (v !== undefined && v !== "") p.set(k, String(v));
    return p.toString();
  };
  return (
    <>
      <PageHeader
        title={t("ordersTitle")}
        description={t("ordersDescription")}
        actions={
          <div className="flex gap-2">
            <Link href={`/a/${accountId}/resources`} className={buttonClass("ghost")}>
              {t("backToResources")}
            </Link>
            <a href={`${base}/export?${qs({})}`} className={buttonClass("secondary")} download>
              {tx("exportCsv")}
            </a>
          </div>
        }
      />
      <form method="get" action={base} className="mb-4 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
        <label className="text-sm font-medium text-gray-800">
          {t("colTime")} ≥
          <input type="date" name="from" defaultValue={query.from} className={input} />
        </label>
        <label className="text-sm font-medium text-gray-800">
          {t("colTime")} ≤
          <input type="date" name="to" defaultValue={query.to} className={input} />
        </label>
        <label className="text-sm font-medium text-gray-800">
          {t("orderNo")}
          <input name="orderNo" defaultValue={query.orderNo} className={input} />
        </label>
        <label className="text-sm font-medium text-gray-800">
          {t("resourceId")}
          <input name="resourceId" defaultValue={query.resourceId} className={input} />
        </label>
        <label className="text-sm font-medium text-gray-800">
          {t("creator")}
          <select name="createdBy" defaultValue={query.createdBy ?? ""} className={input}>
            <option value="">{t("anyone")}</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-gray-800">
          {t("product")}
          <select name="productId" defaultValue={query.productId ?? ""} className={input}>
            <option value="">{t("allProducts")}</option>
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {locale === "zh-CN" ? p.nameZh : p.nameEn}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass("primary")}>
          {tx("filter")}
        </button>
      </form>
      {rows.length === 0 ? (
        <EmptyPanel icon="resources" title={t("noOrders")} />
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
          <table className="min-w-full text-left text-sm" data-testid="orders-table">
            <thead className="bg-gray-50 text-xs uppercase tracking-wide text-gray-600">
              <tr>
                {(["colOrderNo", "colTime", "colType", "colProduct", "colQuantity", "colGross", "colDiscount", "colNet", "creator"] as const).map((k) => (
                  <th key={k} scope="col" className="px-4 py-3 font-medium">
                    {t(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-200">
              {rows.map(({ order: o, productNameEn, productNameZh }) => (
                <tr key={o.id} data-testid="order-row">
                  <td className="px-4 py-3 font-mono text-xs text-gray-900">{o.orderNo}</td>
                  <td className="whitespace-nowrap px-4 py-3 text-gray-700">{format.dateTime(o.createdAt, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })}</td>
                  <td className="px-4 py-3 text-gray-900">{t(`orderTypes.${o.type}`)}</td>
                  <td className="px-4 py-3 text-gray-700">{locale === "zh-CN" ? productNameZh : productNameEn}</td>
                  <td className="px-4 py-3 tabular-nums text-gray-700">{o.quantity.toString()}</td>
                  <td className="px-4 py-3 text-right tabular-nums text-gray-700">{formatMoney(o.gross, locale)}</td>
                  <td className="px-4 py-3 text-right tabular-nums text-gray-700">{formatMoney(o.discount, locale)}</td>
                  <td className="px-4 py-3 text-right font-medium tabular-nums text-gray-900">{formatMoney(o.net, locale)}</td>
                  <td className="px-4 py-3 text-gray-700">{o.createdByUserId ? (names.get(o.createdByUserId) ?? "—") : t("system")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="mt-4 flex items-center justify-between text-sm text-gray-700" aria-label={t("ordersPageOf", { page: query.page, pages, total })}>
        <span>{t("ordersPageOf", { page: query.page, pages, total })}</span>
        <span className="flex gap-2">
          {query.page > 1 && (
            <Link className={buttonClass("secondary")} href={`${base}?${qs({ page: query.page - 1 })}`}>
              {tx("previous")}
            </Link>
          )}
          {query.page < pages && (
            <Link className={buttonClass("secondary")} href={`${base}?${qs({ page: query.page + 1 })}`}>
              {tx("next")}
            </Link>
          )}
        </span>
      </nav>
    </>
  );
}
