import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyPanel } from "@/components/console/feature-page";
import { InvoiceStatusBadge } from "@/components/invoices/status-badge";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { countInvoices, listInvoices } from "@/db/queries/invoices";
import { requireAccountPage } from "@/lib/auth/guards";
import { isLocale } from "@/lib/i18n/config";
import { parseInvoiceQuery } from "@/lib/invoices/query";
import { INVOICE_STATUSES } from "@/lib/invoices/status";
import { formatWallTime } from "@/lib/invoices/view-model";
import { formatMoney } from "@/lib/money";

const PAGE_SIZE = 24;
const input = "mt-1 block rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-blue-700";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invoices"))("title") };
}

export default async function InvoicesPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { accountId } = await params;
  await requireAccountPage(accountId, "invoices.read");
  const [t, rawLocale] = await Promise.all([getTranslations("invoices"), getLocale()]);
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const { query, filters, badPeriod } = parseInvoiceQuery(await searchParams);
  const db = getDb();
  const [total, rows] = await Promise.all([
    countInvoices(db, { accountId, ...filters }),
    listInvoices(db, { accountId, ...filters, limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE }),
  ]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const qs = (extra: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ from: query.from, to: query.to, status: query.status, ...extra })) if (v !== undefined && v !== "") p.set(k, String(v));
    return p.toString();
  };
  const base = `/a/${accountId}/billing/invoices`;
  const filtered = !!(query.from || query.to || query.status);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <a href={`${base}/export?${qs({})}`} className={buttonClass("secondary")} download data-testid="export-list">
            {t("exportListCsv")}
          </a>
        }
      />
      <form method="get" action={base} className="mb-4 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200" aria-label={t("filter")}>
        <label className="text-sm font-medium text-gray-800">
          {t("from")}
          <input type="month" name="from" defaultValue={query.from} className={input} />
        </label>
        <label className="text-sm font-medium text-gray-800">
          {t("to")}
          <input type="month" name="to" defaultValue={query.to} className={input} />
        </label>
        <label className="text-sm font-medium text-gray-800">
          {t("status")}
          <select name="status" defaultValue={query.status ?? ""} className={`${input} pr-8`}>
            <option value="">{t("allStatuses")}</option>
            {INVOICE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass("primary")}>
          {t("filter")}
        </button>
        <Link href={base} className={buttonClass("ghost")}>
          {t("reset")}
        </Link>
      </form>
      {badPeriod && (
        <div className="mb-4">
          <Alert tone="warning">{t("badPeriod")}</Alert>
        </div>
      )}
      {rows.length === 0 ? (
        <EmptyPanel icon="invoices" title={filtered ? t("noMatch") : t("emptyTitle")} body={t("emptyBody")} />
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
            <table className="min-w-full text-left text-sm" data-testid="invoices-table">
              <thead className="bg-gray-50 text-xs uppercase tracking-wide text-gray-600">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">{t("number")}</th>
                  <th scope="col" className="px-4 py-3 font-medium">{t("period")}</th>
                  <th scope="col" className="px-4 py-3 font-medium">{t("issued")}</th>
                  <th scope="col" className="px-4 py-3 font-medium">{t("status")}</th>
                  <th scope="col" className="px-4 py-3 text-right font-medium">{t("total")}</th>
                  <th scope="col" className="px-4 py-3 text-right font-medium">{t("amountDue")}</th>
                  <th scope="col" className="px-4 py-3 text-right font-medium">{t("actions")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-200">
                {rows.map((r) => {
                  const due = r.amountDue - r.settled > 0n ? r.amountDue - r.settled : 0n;
                  return (
                    <tr key={r.id} data-testid="invoice-row" data-number={r.number}>
                      <td className="whitespace-nowrap px-4 py-3 font-medium text-gray-900">
                        <Link href={`${base}/${r.id}`} className="text-blue-700 hover:underline">
                          {r.number}
                        </Link>
                      </td>
                      <td className="whitespace-nowrap px-4 py-3 text-gray-700">{r.period}</td>
                      <td className="whitespace-nowrap px-4 py-3 text-gray-700">{formatWallTime(r.issuedAt, false)}</td>
                      <td className="whitespace-nowrap px-4 py-3">
                        <InvoiceStatusBadge status={r.status} label={t(`statuses.${r.status}`)} />
                      </td>
                      <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums text-gray-900">{formatMoney(r.total, locale)}</td>
                      <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums text-gray-900">{formatMoney(due, locale)}</td>
                      <td className="whitespace-nowrap px-4 py-3 text-right">
                        <a href={`${base}/${r.id}/pdf`} className="font-medium text-blue-700 hover:underline" download>
                          {t("downloadPdf")}
                          <span className="sr-only"> {r.number}</span>
                        </a>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <nav className="mt-4 flex items-center justify-between text-sm text-gray-700" aria-label={t("pageOf", { page: query.page, pages, total })}>
            <span>{t("pageOf", { page: query.page, pages, total })}</span>
            <span className="flex gap-2">
              {query.page > 1 && (
                <Link className={buttonClass("secondary")} href={`${base}?${qs({ page: query.page - 1 })}`}>
                  {t("previous")}
                </Link>
              )}
              {query.page < pages && (
                <Link className={buttonClass("secondary")} href={`${base}?${qs({ page: query.page + 1 })}`}>
                  {t("next")}
                </Link>
              )}
            </span>
          </nav>
        </>
      )}
    </>
  );
}
