import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { InvoiceStatusBadge } from "@/components/invoices/status-badge";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listAllInvoices } from "@/db/queries/invoices";
import { requireStaffPage } from "@/lib/auth/guards";
import { isLocale } from "@/lib/i18n/config";
import { formatMoney } from "@/lib/money";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invoices.staff"))("title") };
}

/** Staff see every account's invoices (read-only). */
export default async function StaffInvoicesPage() {
  await requireStaffPage("staff.read");
  const [t, rawLocale, rows] = await Promise.all([getTranslations("invoices"), getLocale(), listAllInvoices(getDb(), { limit: 200 })]);
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const th = "px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-gray-600";
  return (
    <>
      <PageHeader title={t("staff.title")} description={t("staff.description")} />
      {rows.length === 0 ? (
        <EmptyState icon="invoices" title={t("emptyTitle")} />
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
          <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="staff-invoices">
            <thead className="bg-gray-50">
              <tr>
                <th scope="col" className={th}>{t("number")}</th>
                <th scope="col" className={th}>{t("staff.account")}</th>
                <th scope="col" className={th}>{t("period")}</th>
                <th scope="col" className={th}>{t("status")}</th>
                <th scope="col" className={`${th} text-right`}>{t("total")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="px-4 py-2.5">
                    <Link href={`/staff/invoices/${r.id}`} className="font-medium text-blue-700 hover:underline">
                      {r.number}
                    </Link>
                  </td>
                  <td className="px-4 py-2.5 text-gray-700">{r.profile.accountName}</td>
                  <td className="px-4 py-2.5 text-gray-700">{r.period}</td>
                  <td className="px-4 py-2.5">
                    <InvoiceStatusBadge status={r.status} label={t(`statuses.${r.status}`)} />
                  </td>
                  <td className="px-4 py-2.5 text-right tabular-nums">{formatMoney(r.total, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
