import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { ActivateForm, type ProductOption } from "@/components/resources/activate-form";
import { ReleaseButton } from "@/components/resources/release-button";
import { SubscribeForm, type SubscriptionOption } from "@/components/resources/subscribe-form";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listProducts, listResources } from "@/db/queries/billing";
import { requireAccountPage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { formatMoney, type MoneyLocale } from "@/lib/money";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pages.resources"))("title") };
}

export default async function ResourcesPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const ctx = await requireAccountPage(accountId, "resources.read");
  const t = await getTranslations();
  const locale = (await getLocale()) as MoneyLocale;
  const format = await getFormatter();
  const db = getDb();
  const [catalogue, rows] = await Promise.all([listProducts(db), listResources(db, { accountId })]);
  const manage = can(ctx.role, "resources.manage");
  const payg: ProductOption[] = catalogue
    .filter((p) => p.billingMode !== "subscription")
    .map((p) => ({
      id: p.id,
      label: `${locale === "zh-CN" ? p.nameZh : p.nameEn} · ${p.region}`,
      price: formatMoney(p.unitPrice, locale, { exact: p.unitPrice % 10_000n !== 0n }),
      unitPriceMicros: p.unitPrice.toString(),
      unit: p.billingMode === "payg_daily" ? "day" : "hour",
      metered: p.metered,
    }));
  const subs: SubscriptionOption[] = catalogue
    .filter((p) => p.billingMode === "subscription")
    .map((p) => ({
      id: p.id,
      label: `${locale === "zh-CN" ? p.nameZh : p.nameEn} · ${p.region} — ${t("resources.pricePer", { price: formatMoney(p.unitPrice, locale), unit: t("resources.units.month") })}`,
      terms: [
        { months: 1, bps: p.termDiscount1Bps },
        { months: 3, bps: p.termDiscount3Bps },
        { months: 6, bps: p.termDiscount6Bps },
        { months: 12, bps: p.termDiscount12Bps },
      ],
    }));
  return (
    <>
      <PageHeader
        title={t("pages.resources.title")}
        description={t("pages.resources.description")}
        actions={
          <Link href={`/a/${accountId}/resources/orders`} className={buttonClass("secondary")}>
            {t("resources.orders")}
          </Link>
        }
      />
      <div className="space-y-6">
        {manage ? (
          <Card title={t("resources.activateTitle")}>
            <p className="mb-4 text-sm text-gray-600">{t("resources.activateHelp")}</p>
            <ActivateForm accountId={accountId} products={payg} requestId={crypto.randomUUID()} />
          </Card>
        ) : (
          <p className="text-sm text-gray-600">{t("resources.noPermission")}</p>
        )}
        {manage && subs.length > 0 && (
          <Card title={t("resources.subscribeTitle")}>
            <p className="mb-4 text-sm text-gray-600">{t("resources.subscribeHelp")}</p>
            <SubscribeForm accountId={accountId} products={subs} requestId={crypto.randomUUID()} />
          </Card>
        )}
        <section aria-labelledby="resources-list">
          <h2 id="resources-list" className="mb-3 text-base font-semibold text-gray-900">
            {t("resources.listTitle")}
          </h2>
          {rows.length === 0 ? (
            <EmptyState icon="resources" title={t("pages.resources.emptyTitle")} body={t("pages.resources.emptyBody")} />
          ) : (
            <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
              <table className="min-w-full text-left text-sm" data-testid="resources-table">
                <thead className="bg-gray-50 text-xs uppercase tracking-wide text-gray-600">
                  <tr>
                    {["colName", "colProduct", "colRegion", "colMode", "colQuantity", "colStatus", "colStarted"].map((k) => (
                      <th key={k} scope="col" className="px-4 py-3 font-medium">
                        {t(`resources.${k}` as "resources.colName")}
                      </th>
                    ))}
                    <th scope="col" className="px-4 py-3 font-medium">
                      <span className="sr-only">{t("resources.colActions")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-gray-200">
                  {rows.map(({ resource: r, product: p }) => (
                    <tr key={r.id} data-testid="resource-row">
                      <td className="px-4 py-3 font-medium text-gray-900">
                        {r.name}
                        <span className="block font-mono text-xs font-normal text-gray-600">{r.orderNo}</span>
                      </td>
                      <td className="px-4 py-3 text-gray-700">{locale === "zh-CN" ? p.nameZh : p.nameEn}</td>
                      <td className="px-4 py-3 text-gray-700">
                        {p.region} / {p.dataCenter}
                      </td>
                      <td className="px-4 py-3 text-gray-700">{t(`resources.modes.${r.billingMode}`)}</td>
                      <td className="px-4 py-3 tabular-nums text-gray-700">{r.quantity.toString()}</td>
                      <td className="px-4 py-3">
                        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${r.status === "running" ? "bg-emerald-50 text-emerald-800" : r.status === "stopped" ? "bg-amber-50 text-amber-900" : "bg-gray-100 text-gray-700"}`}>
                          {t(`resources.statuses.${r.status}`)}
                        </span>
                      </td>
                      <td className="whitespace-nowrap px-4 py-3 text-gray-700">
                        {format.dateTime(r.startedAt, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })}
                        {r.expiresAt && (
                          <span className="block text-xs text-gray-600">
                            {t("resources.colUntil")} {format.dateTime(r.expiresAt, { dateStyle: "medium", timeZone: "UTC" })}
                          </span>
                        )}
                      </td>
                      <td className="px-4 py-3 text-right">{manage && r.billingMode !== "subscription" && (r.status === "running" || r.status === "stopped") && <ReleaseButton accountId={accountId} resourceId={r.id} name={r.name} />}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
