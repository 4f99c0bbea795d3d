import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DeliveriesTable } from "@/components/webhooks/deliveries-table";
import { ResendButton, ReplayForm } from "@/components/webhooks/delivery-controls";
import { EditEndpointForm, EndpointSwitches } from "@/components/webhooks/endpoint-controls";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, FilterSelect } from "@/components/ui/filter-form";
import { listQuery, Pagination } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { DELIVERY_STATUSES, type DeliveryStatus, getEndpoint, listDeliveries } from "@/db/queries/webhooks";
import { requireStaffPage } from "@/lib/auth/guards";
import { staffCan } from "@/lib/auth/permissions";
import { clockNow } from "@/lib/clock";
import { EVENT_TYPES, isEventType } from "@/lib/events/types";

const PAGE_SIZE = 50;
type Search = { status?: string; type?: string; page?: string };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("webhooks"))("deliveries.title") };
}

/** A UTC minute as a datetime-local field shows it. */
const utcMinute = (d: Date) => d.toISOString().slice(0, 16);

export default async function StaffEndpointPage({ params, searchParams }: { params: Promise<{ endpointId: string }>; searchParams: Promise<Search> }) {
  const user = await requireStaffPage("staff.read");
  const [{ endpointId }, sp] = await Promise.all([params, searchParams]);
  const db = getDb();
  const endpoint = await getEndpoint(db, { id: endpointId });
  if (!endpoint) notFound();
  const status = (DELIVERY_STATUSES as readonly string[]).includes(sp.status ?? "") ? (sp.status as DeliveryStatus) : undefined;
  const type = sp.type && isEventType(sp.type) ? sp.type : undefined;
  const page = Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1);
  const [t, { rows, total }] = await Promise.all([getTranslations("webhooks"), listDeliveries(db, { endpointId: endpoint.id, status, type, page, pageSize: PAGE_SIZE })]);
  const manage = staffCan(user.staffRole, "staff.webhooks.manage");
  const editable = manage && endpoint.accountId === null;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const base = `/staff/webhooks/${endpoint.id}`;
  const filters = { status, type };
  const now = clockNow();
  return (
    <>
      <PageHeader title={endpoint.url} description={endpoint.description || undefined} actions={<Link href="/staff/webhooks" className="text-sm text-blue-700 hover:underline">{t("endpoint.back")}</Link>} />
      <div className="mb-6 grid gap-6 lg:grid-cols-2">
        <Card title={t("endpoint.facts")}>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm" data-testid="endpoint-facts">
            <dt className="text-gray-600">{t("endpoint.account")}</dt>
            <dd className={endpoint.accountId ? "font-mono text-xs" : ""}>{endpoint.accountId ?? t("endpoint.platform")}</dd>
            <dt className="text-gray-600">{t("endpoint.types")}</dt>
            <dd className="font-mono text-xs">{endpoint.eventTypes.join(", ")}</dd>
            <dt className="text-gray-600">{t("secret.title")}</dt>
            <dd data-testid="secret-hint">
              {t("secret.hint", { hint: `whsec_…${endpoint.secretTail}` })}
              {endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now && (
                <span className="block text-xs text-gray-600">
                  {t("secret.overlap", { time: `${endpoint.previousSecretExpiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC` })}
                </span>
              )}
            </dd>
            <dt className="text-gray-600">{t("endpoint.created")}</dt>
            <dd>
              <DateTime value={endpoint.createdAt} utc />
            </dd>
          </dl>
          {endpoint.disabledAt && (
            <div className="mt-4">
              <Alert tone="warning">{t("endpoint.disabledNote")}</Alert>
            </div>
          )}
          {editable && (
            <div className="mt-4 border-t border-gray-100 pt-4">
              <EndpointSwitches id={endpoint.id} disabled={!!endpoint.disabledAt} />
            </div>
          )}
          {manage && !editable && <p className="mt-4 text-sm text-gray-600">{t("endpoint.notEditable")}</p>}
        </Card>
        {editable ? (
          <Card title={t("endpoint.edit")}>
            <EditEndpointForm key={endpoint.eventTypes.join(",") + endpoint.description} id={endpoint.id} description={endpoint.description} eventTypes={endpoint.eventTypes} />
          </Card>
        ) : !manage ? (
          <Alert tone="info">{t("readOnly")}</Alert>
        ) : null}
      </div>
      {manage && !endpoint.disabledAt && (
        <Card title={t("replay.title")} className="mb-6">
          <ReplayForm endpointId={endpoint.id} from={utcMinute(new Date(now.getTime() - 24 * 3600_000))} to={utcMinute(now)} />
        </Card>
      )}
      <h2 className="mb-3 text-base font-semibold text-gray-900">{t("deliveries.title")}</h2>
      <FilterForm action={base} label={t("deliveries.filterLabel")} submit={t("deliveries.filter")} reset={t("deliveries.reset")}>
        <FilterSelect label={t("deliveries.status")} name="status" value={status} any={t("deliveries.any")} options={DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`deliveries.statuses.${s}`) }))} />
        <FilterSelect label={t("deliveries.type")} name="type" value={type} any={t("deliveries.any")} options={EVENT_TYPES.map((v) => ({ value: v, label: v }))} />
      </FilterForm>
      {rows.length === 0 ? (
        <EmptyState icon="outbox" title={t("deliveries.empty")} compact />
      ) : (
        <>
          <DeliveriesTable rows={rows} action={manage && !endpoint.disabledAt ? (d) => <ResendButton id={d.id} /> : undefined} />
          <Pagination page={page} pages={pages} label={t("deliveries.pageOf", { page, pages })} href={(p) => `${base}?${listQuery(filters, { page: p })}`} previous={t("deliveries.previous")} next={t("deliveries.next")} />
        </>
      )}
    </>
  );
}
