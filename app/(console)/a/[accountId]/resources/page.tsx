import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { ActivateForm, type ProductOption } from "@/components/resources/activate-form";
import { EditTagsButton } from "@/components/resources/edit-tags-button";
import { ReleaseButton } from "@/components/resources/release-button";
import { TagChips } from "@/components/resources/tag-chips";
import { SubscribeForm, type SubscriptionOption } from "@/components/resources/subscribe-form";
import { buttonClass } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { Table, Td } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { listProducts, listResources } from "@/db/queries/billing";
import { requireAccountPage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import type { Resource } from "@/lib/billing/activate";
import { releaseAtOf } from "@/lib/billing/lapse";
import { formatMoney, type MoneyLocale } from "@/lib/money";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pages.resources"))("title") };
}

export default async function ResourcesPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const ctx = await requireAccountPage(accountId, "resources.read");
  const t = await getTranslations();
  const locale = (await getLocale()) as MoneyLocale;
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
            <ResourcesTable t={t} zh={locale === "zh-CN"} rows={rows} accountId={accountId} manage={manage} />
          )}
        </section>
      </div>
    </>
  );
}

const STATUS_TONE = { running: "emerald", stopped: "amber" } as const;
/** A subscription stopped at expiry, to be released 72 hours after its stop unless renewed. */
const lapsed = (r: Resource) => r.status === "stopped" && r.stoppedReason === "expiry" && r.stoppedAt !== null;

function ResourcesTable({ t, zh, rows, accountId, manage }: { t: Awaited<ReturnType<typeof getTranslations>>; zh: boolean; rows: Awaited<ReturnType<typeof listResources>>; accountId: string; manage: boolean }) {
  const columns = [...(["colName", "colProduct", "colRegion", "colMode", "colQuantity", "colStatus", "colStarted"] as const).map((k) => ({ key: k, label: t(`resources.${k}`) })), { key: "actions", label: <span className="sr-only">{t("resources.colActions")}</span> }];
  return (
    <Table columns={columns} testId="resources-table">
      {rows.map(({ resource: r, product: p }) => (
        <tr key={r.id} data-testid="resource-row">
          <Td tone="strong">
            <Link href={`/a/${accountId}/resources/${r.id}`} className="text-blue-700 underline-offset-2 hover:underline">
              {r.name}
            </Link>
            <span className="block font-mono text-xs font-normal text-gray-600">{r.orderNo}</span>
            <TagChips tags={r.tags} label={t("resources.tagsOf", { name: r.name })} more={(count) => t("resources.moreTags", { count })} />
            {manage && (r.status === "running" || r.status === "stopped") && <EditTagsButton accountId={accountId} resourceId={r.id} name={r.name} tags={r.tags} />}
          </Td>
          <Td>{zh ? p.nameZh : p.nameEn}</Td>
          <Td>
            {p.region} / {p.dataCenter}
          </Td>
          <Td>{t(`resources.modes.${r.billingMode}`)}</Td>
          <Td className="tabular-nums">{r.quantity.toString()}</Td>
          <Td>
            <Badge pill tone={r.status === "running" || r.status === "stopped" ? STATUS_TONE[r.status] : "gray"}>
              {t(lapsed(r) ? "resources.lapse.status" : `resources.statuses.${r.status}`)}
            </Badge>
            {lapsed(r) && (
              <span className="mt-1 block text-xs text-gray-600" data-testid="release-at">
                {t("resources.lapse.releasesOn")} <DateTime value={releaseAtOf(r.stoppedAt!)} utc />
              </span>
            )}
          </Td>
          <Td nowrap>
            <DateTime value={r.startedAt} utc />
            {r.expiresAt && (
              <span className="block text-xs text-gray-600">
                {t("resources.colUntil")} <DateTime value={r.expiresAt} show="date" utc />
              </span>
            )}
          </Td>
          <Td className="text-right">
            {manage && r.billingMode !== "subscription" && (r.status === "running" || r.status === "stopped") && <ReleaseButton accountId={accountId} resourceId={r.id} name={r.name} />}
            {/* Renewing a stopped subscription: its page shows the price first. */}
            {manage && lapsed(r) && (
              <Link href={`/a/${accountId}/resources/${r.id}`} className={buttonClass("primary")} aria-label={t("resources.lapse.renewLinkOf", { name: r.name })}>
                {t("resources.lapse.renewLink")}
              </Link>
            )}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
