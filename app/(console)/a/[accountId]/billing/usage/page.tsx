import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { UsageList } from "@/components/usage/usage-list";
import { UsageTotalsCard } from "@/components/usage/usage-totals";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { FilterForm, FilterRange, FilterSelect } from "@/components/ui/filter-form";
import { FilterLabel, Input } from "@/components/ui/input";
import { listQuery } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { listProducts, listResources } from "@/db/queries/billing";
import { listUsage, usageTotals } from "@/db/queries/usage-detail";
import { requireAccountPage } from "@/lib/auth/guards";
import { parseUsageQuery, usagePageLinks } from "@/lib/billing/usage-query";
import { platformTimeZone } from "@/lib/billing/time";

const PAGE_SIZE = 25;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("usage"))("title") };
}

export default async function UsagePage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { accountId } = await params;
  await requireAccountPage(accountId, "transactions.read");
  const [t, zh] = await Promise.all([getTranslations("usage"), getLocale().then((l) => l === "zh-CN")]);
  const { query, filters, after, before, badPeriod, badTag } = parseUsageQuery(accountId, await searchParams);
  const db = getDb();
  const [page, totals, catalogue, owned] = await Promise.all([
    listUsage(db, { ...filters, limit: PAGE_SIZE, after, before }),
    usageTotals(db, filters),
    listProducts(db),
    listResources(db, { accountId }),
  ]);
  const payg = catalogue.filter((p) => p.billingMode !== "subscription");
  const regions = [...new Set(payg.map((p) => p.region))].sort();
  const base = `/a/${accountId}/billing/usage`;
  const kept = { from: query.from, to: query.to, product: query.product, region: query.region, mode: query.mode, resource: query.resource, tag: badTag ? undefined : query.tag, posting: query.posting };
  const href = (extra: Record<string, string | undefined>) => `${base}?${listQuery(kept, extra)}`;
  const filtered = !!(query.product || query.region || query.mode || query.resource || filters.tag || query.posting);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <a href={`${base}/export?${listQuery(kept)}`} className={buttonClass("secondary")} download>
            {t("exportCsv")}
          </a>
        }
      />
      <FilterForm action={base} label={t("filter")} submit={t("apply")} reset={t("reset")} hint={t("periodHint", { timeZone: platformTimeZone() })}>
        <FilterRange type="date" labels={[t("from"), t("to")]} from={query.from} to={query.to} />
        <FilterSelect label={t("product")} name="product" value={query.product} any={t("allProducts")} options={payg.map((p) => ({ value: p.id, label: zh ? p.nameZh : p.nameEn }))} />
        <FilterSelect label={t("region")} name="region" value={query.region} any={t("allRegions")} options={regions.map((r) => ({ value: r, label: r }))} />
        <FilterSelect label={t("mode")} name="mode" value={query.mode} any={t("allModes")} options={(["payg_hourly", "payg_daily"] as const).map((m) => ({ value: m, label: t(`modes.${m}`) }))} />
        <FilterSelect
          label={t("resource")}
          name="resource"
          value={query.resource}
          any={t("allResources")}
          options={owned.filter(({ resource: r }) => r.billingMode !== "subscription").map(({ resource: r }) => ({ value: r.id, label: r.name }))}
        />
        <FilterLabel label={t("tag")}>
          <Input fit="filter" name="tag" defaultValue={query.tag} placeholder={t("tagPlaceholder")} />
        </FilterLabel>
        {query.posting && <input type="hidden" name="posting" value={query.posting} />}
      </FilterForm>
      <div className="mb-4 space-y-2 empty:hidden">
        {badPeriod && <Alert tone="warning">{t("badPeriod")}</Alert>}
        {badTag && <Alert tone="warning">{t("badTag")}</Alert>}
        {query.posting && (
          <Alert>
            {t("posting")}{" "}
            <Link href={`${base}?${listQuery({ ...kept, posting: undefined })}`} className="font-medium underline">
              {t("allCharges")}
            </Link>
          </Alert>
        )}
      </div>
      <UsageTotalsCard totals={totals} />
      <UsageList accountId={accountId} rows={page.rows} count={totals.charges} links={usagePageLinks(page, href, !!(after || before))} empty={filtered ? t("noMatch") : t("emptyTitle")} />
    </>
  );
}
