import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { EditTagsButton } from "@/components/resources/edit-tags-button";
import { StoppedSubscriptionCard } from "@/components/resources/stopped-subscription";
import { SubscriptionPanel } from "@/components/resources/subscription-panel";
import { TagChips } from "@/components/usage/tag-chips";
import { UsageList } from "@/components/usage/usage-list";
import { UsageTotalsCard } from "@/components/usage/usage-totals";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { listQuery } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { getResource, listProducts } from "@/db/queries/billing";
import { listUsage, usageTotals } from "@/db/queries/usage-detail";
import { requireAccountPage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { lapsedPreview } from "@/lib/billing/renew-stopped";
import { parseUsageQuery, platformDay, usagePageLinks } from "@/lib/billing/usage-query";
import { clockNow } from "@/lib/clock";
import { flattenSearchParams } from "@/lib/http/query";

const PAGE_SIZE = 25;
const STATUS_TONE = { running: "emerald", stopped: "amber" } as const;

export async function generateMetadata({ params }: { params: Promise<{ accountId: string; resourceId: string }> }): Promise<Metadata> {
  const { accountId, resourceId } = await params;
  const found = await getResource(getDb(), { accountId, resourceId });
  return { title: found?.resource.name ?? (await getTranslations("pages.resources"))("title") };
}

/** One resource: what it is, its tags, and every charge it has had, newest first. */
export default async function ResourcePage({ params, searchParams }: { params: Promise<{ accountId: string; resourceId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { accountId, resourceId } = await params;
  const ctx = await requireAccountPage(accountId, "resources.read");
  const db = getDb();
  const found = await getResource(db, { accountId, resourceId });
  if (!found) notFound();
  const { resource: r, product: p } = found;
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const zh = locale === "zh-CN";
  // Money is for the roles that see transactions; a plain member sees the resource only.
  const money = can(ctx.role, "transactions.read") && r.billingMode !== "subscription";
  const sp = flattenSearchParams(await searchParams);
  // The whole life of the resource: from the day it started to today.
  const today = platformDay(clockNow());
  const started = platformDay(r.startedAt);
  const { filters, after, before } = parseUsageQuery(accountId, { from: started <= today ? started : today, to: today, resource: r.id, after: sp.after, before: sp.before });
  const subscription = r.billingMode === "subscription" && r.status === "running" && r.termMonths && r.expiresAt ? r : null;
  // A subscription changes within its family (or its own quantity and term).
  const family = subscription ? (await listProducts(db)).filter((x) => x.billingMode === "subscription" && (x.id === p.id || (p.family !== null && x.family === p.family))) : [];
  const label = (id: string) => {
    const x = family.find((f) => f.id === id);
    return x ? (zh ? x.nameZh : x.nameEn) : id;
  };
  // A subscription stopped at expiry: its release time and, within 72 hours, the renewal price.
  const lapse = await lapsedPreview(db, r, clockNow());
  const [page, totals] = money ? await Promise.all([listUsage(db, { ...filters, limit: PAGE_SIZE, after, before }), usageTotals(db, filters)]) : [null, null];
  const base = `/a/${accountId}/resources/${r.id}`;
  const rp = (k: "id" | "product" | "location" | "status" | "started" | "mode" | "quantity" | "tags") => t(`usage.resourcePage.${k}`);
  const details: [string, React.ReactNode][] = [
    [rp("id"), <span key="id" className="font-mono text-xs">{r.id}</span>],
    [rp("product"), zh ? p.nameZh : p.nameEn],
    [rp("location"), `${p.region} / ${p.dataCenter}`],
    [
      rp("status"),
      <Badge key="status" pill tone={r.status === "running" || r.status === "stopped" ? STATUS_TONE[r.status] : "gray"}>
        {t(r.status === "stopped" && r.stoppedReason === "expiry" ? "resources.lapse.status" : `resources.statuses.${r.status}`)}
      </Badge>,
    ],
    [rp("started"), <DateTime key="started" value={r.startedAt} />],
    [rp("mode"), t(`resources.modes.${r.billingMode}`)],
    [rp("quantity"), r.quantity.toString()],
    [
      rp("tags"),
      <div key="tags">
        <TagChips tags={r.tags} none={t("usage.resourcePage.noTags")} />
        {/* Who may activate and release may retag, while the resource still takes charges. */}
        {can(ctx.role, "resources.manage") && (r.status === "running" || r.status === "stopped") && <EditTagsButton accountId={accountId} resourceId={r.id} name={r.name} tags={r.tags} />}
      </div>,
    ],
  ];
  return (
    <>
      <PageHeader
        title={r.name}
        description={zh ? p.nameZh : p.nameEn}
        actions={
          <Link href={`/a/${accountId}/resources`} className={buttonClass("ghost")}>
            {t("usage.resourcePage.back")}
          </Link>
        }
      />
      <div className="space-y-6">
        <Card title={t("usage.resourcePage.details")}>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-4" data-testid="resource-details">
            {details.map(([label, value]) => (
              <div key={label}>
                <dt className="text-xs text-gray-600">{label}</dt>
                <dd className="mt-0.5 text-gray-900">{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        {lapse && <StoppedSubscriptionCard accountId={accountId} resource={r} preview={lapse} canManage={can(ctx.role, "resources.manage")} />}
        {subscription && (
          <Card title={t("resources.change.card")}>
            <SubscriptionPanel
              accountId={accountId}
              resourceId={r.id}
              productId={r.productId}
              quantity={r.quantity.toString()}
              termMonths={subscription.termMonths as 1 | 3 | 6 | 12}
              expiresAt={r.expiresAt!.toISOString()}
              autoRenew={r.autoRenew}
              products={family.map((x) => ({ id: x.id, label: zh ? x.nameZh : x.nameEn }))}
              scheduled={r.pendingProductId && r.expiresAt ? { product: label(r.pendingProductId), quantity: (r.pendingQuantity ?? r.quantity).toString(), orderNo: r.pendingOrderNo, at: r.expiresAt.toISOString() } : null}
              canManage={can(ctx.role, "resources.manage")}
            />
          </Card>
        )}
        {money && page && totals && (
          <section aria-labelledby="resource-charges">
            <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="resource-charges" className="text-base font-semibold text-gray-900">
                {t("usage.resourcePage.charges")}
              </h2>
              <Link href={`/a/${accountId}/billing/usage?${listQuery({ from: filters.fromDay, to: filters.toDay, resource: r.id })}`} className="text-sm font-medium text-blue-700 underline-offset-2 hover:underline">
                {t("usage.resourcePage.allUsage")}
              </Link>
            </div>
            <p className="mb-3 text-sm text-gray-600">{t("usage.resourcePage.chargesHint")}</p>
            <UsageTotalsCard totals={totals} />
            <UsageList accountId={accountId} rows={page.rows} count={totals.charges} links={usagePageLinks(page, (extra) => `${base}?${listQuery({}, extra)}`, !!(after || before))} empty={t("usage.emptyTitle")} />
          </section>
        )}
        {r.billingMode === "subscription" && <p className="text-sm text-gray-600">{t("usage.resourcePage.subscriptionCharges")}</p>}
      </div>
    </>
  );
}
