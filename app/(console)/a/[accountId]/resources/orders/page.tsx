import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, FilterRange, FilterSelect } from "@/components/ui/filter-form";
import { FilterLabel, Input } from "@/components/ui/input";
import { Money } from "@/components/ui/money";
import { listQuery, Pagination } from "@/components/ui/pagination";
import { Table, Td } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { countOrders, listOrders, listProducts } from "@/db/queries/billing";
import { listMembers } from "@/db/queries/memberships";
import { requireAccountPage } from "@/lib/auth/guards";
import { parseOrderQuery } from "@/lib/billing/order-query";

const PAGE_SIZE = 25;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("resources"))("ordersTitle") };
}

type Translate = Awaited<ReturnType<typeof getTranslations<"resources">>>;
type OrderQuery = ReturnType<typeof parseOrderQuery>["query"];
type Option = { value: string; label: string };

export default async function OrdersPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { accountId } = await params;
  await requireAccountPage(accountId, "resources.read");
  const [t, tx, locale] = await Promise.all([getTranslations("resources"), getTranslations("pages.transactions"), getLocale()]);
  const { query, filters } = parseOrderQuery(await searchParams);
  const db = getDb();
  const [total, rows, products, members] = await Promise.all([
    countOrders(db, { accountId, ...filters }),
    listOrders(db, { accountId, ...filters, limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE }),
    listProducts(db),
    listMembers(db, { accountId }),
  ]);
  const names = new Map(members.map((m) => [m.userId, m.name]));
  const zh = locale === "zh-CN";
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const base = `/a/${accountId}/resources/orders`;
  const qs = (extra: Record<string, string | number | undefined>) => listQuery({ ...query, page: undefined }, extra);
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
      <OrderFilters
        t={t}
        base={base}
        submit={tx("filter")}
        query={query}
        members={members.map((m) => ({ value: m.userId, label: m.name }))}
        products={products.map((p) => ({ value: p.id, label: zh ? p.nameZh : p.nameEn }))}
      />
      {rows.length === 0 ? (
        <EmptyState icon="resources" title={t("noOrders")} />
      ) : (
        <Table columns={(["colOrderNo", "colTime", "colType", "colProduct", "colQuantity", "colGross", "colDiscount", "colNet", "creator"] as const).map((k, i) => ({ key: k, label: t(k), numeric: i >= 5 && i <= 7 }))} testId="orders-table">
          {rows.map(({ order: o, productNameEn, productNameZh }) => (
            <tr key={o.id} data-testid="order-row">
              <Td mono tone="strong">
                {o.orderNo}
              </Td>
              <Td nowrap>
                <DateTime value={o.createdAt} utc />
              </Td>
              <Td>{t(`orderTypes.${o.type}`)}</Td>
              <Td>{zh ? productNameZh : productNameEn}</Td>
              <Td className="tabular-nums">{o.quantity.toString()}</Td>
              <Td numeric>
                <Money value={o.gross} />
              </Td>
              <Td numeric>
                <Money value={o.discount} />
              </Td>
              <Td numeric tone="strong">
                <Money value={o.net} />
              </Td>
              <Td>{o.createdByUserId ? (names.get(o.createdByUserId) ?? "—") : t("system")}</Td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={query.page} pages={pages} label={t("ordersPageOf", { page: query.page, pages, total })} href={(page) => `${base}?${qs({ page })}`} previous={tx("previous")} next={tx("next")} />
    </>
  );
}

function OrderFilters({ t, base, submit, query, members, products }: { t: Translate; base: string; submit: string; query: OrderQuery; members: Option[]; products: Option[] }) {
  return (
    <FilterForm action={base} submit={submit}>
      <FilterRange type="date" labels={[`${t("colTime")} ≥`, `${t("colTime")} ≤`]} from={query.from} to={query.to} />
      <FilterLabel label={t("orderNo")}>
        <Input fit="filter" name="orderNo" defaultValue={query.orderNo} />
      </FilterLabel>
      <FilterLabel label={t("resourceId")}>
        <Input fit="filter" name="resourceId" defaultValue={query.resourceId} />
      </FilterLabel>
      <FilterSelect label={t("creator")} name="createdBy" value={query.createdBy} any={t("anyone")} options={members} />
      <FilterSelect label={t("product")} name="productId" value={query.productId} any={t("allProducts")} options={products} />
    </FilterForm>
  );
}
