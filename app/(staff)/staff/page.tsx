import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { searchAccounts } from "@/db/queries/staff-console";
import { requireStaffPage } from "@/lib/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff.accounts"))("title") };
}

/** Every customer account, or those whose name, ID or a member's email matches the search. */
export default async function StaffAccountsPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  await requireStaffPage("staff.read");
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 200) ?? "";
  const [t, td, format, rows] = await Promise.all([getTranslations("staff.accounts"), getTranslations("staff.discounts"), getFormatter(), searchAccounts(getDb(), { q, limit: 200 })]);
  const th = "px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-gray-600";
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <form method="get" role="search" className="mb-4 flex max-w-xl items-end gap-2">
        <label className="flex-1 text-sm font-medium text-gray-800">
          {t("search")}
          <input type="search" name="q" defaultValue={q} placeholder={t("searchHint")} aria-describedby="account-search-hint" className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-gray-900 ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-blue-700" data-testid="account-search" />
        </label>
        <button type="submit" className={buttonClass("secondary")}>{t("searchButton")}</button>
      </form>
      <p id="account-search-hint" className="sr-only">{t("searchHint")}</p>
      {rows.length === 0 ? (
        <EmptyState icon="accounts" title={q ? t("noMatch", { q }) : t("empty")} />
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
                  <th scope="row" className="px-4 py-3 text-left font-medium text-gray-900">
                    <Link href={`/staff/accounts/${a.id}`} className="text-blue-700 hover:underline" data-testid="account-link">
                      {a.name}
                    </Link>
                  </th>
                  <td className="px-4 py-3 font-mono text-xs text-gray-700">{a.id}</td>
                  <td className="px-4 py-3 text-right tabular-nums text-gray-900">{a.members}</td>
                  <td className="whitespace-nowrap px-4 py-3 text-gray-700">{format.dateTime(a.createdAt, { dateStyle: "medium" })}</td>
                  <td className="space-x-3 px-4 py-3">
                    <Link href={`/staff/accounts/${a.id}`} className="font-medium text-blue-700 hover:underline" aria-label={t("openLabel", { account: a.name })}>
                      {t("open")}
                    </Link>
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
