import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyPanel } from "@/components/console/feature-page";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listAccountsWithMemberCounts } from "@/db/queries/staff";
import { requireStaffPage } from "@/lib/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff.accounts"))("title") };
}

export default async function StaffAccountsPage() {
  await requireStaffPage("staff.read");
  const [t, td, format, rows] = await Promise.all([getTranslations("staff.accounts"), getTranslations("staff.discounts"), getFormatter(), listAccountsWithMemberCounts(getDb())]);
  const th = "px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-gray-600";
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {rows.length === 0 ? (
        <EmptyPanel icon="accounts" title={t("empty")} />
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
          <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="staff-accounts">
            <caption className="sr-only">{t("title")}</caption>
            <thead className="bg-gray-50">
              <tr>
                <th scope="col" className={th}>{t("name")}</th>
                <th scope="col" className={th}>{t("id")}</th>
                <th scope="col" className={`${th} text-right`}>{t("members")}</th>
                <th scope="col" className={th}>{t("created")}</th>
                <th scope="col" className={th}>{t("actions")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {rows.map((a) => (
                <tr key={a.id} className="hover:bg-gray-50">
                  <th scope="row" className="px-4 py-3 text-left font-medium text-gray-900">{a.name}</th>
                  <td className="px-4 py-3 font-mono text-xs text-gray-700">{a.id}</td>
                  <td className="px-4 py-3 text-right tabular-nums text-gray-900">{a.members}</td>
                  <td className="whitespace-nowrap px-4 py-3 text-gray-700">{format.dateTime(a.createdAt, { dateStyle: "medium" })}</td>
                  <td className="px-4 py-3">
                    <Link href={`/staff/accounts/${a.id}/discounts`} className="font-medium text-blue-700 hover:underline" aria-label={`${td("link")}: ${a.name}`}>
                      {td("link")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
