import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NewAccountForm } from "@/components/staff/new-account-form";
import { EmptyState } from "@/components/ui/empty-state";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { Input } from "@/components/ui/input";
import { RowHeader, Table, Td } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { searchAccounts } from "@/db/queries/staff-console";
import { requireStaffPage } from "@/lib/auth/guards";
import { staffCan } from "@/lib/auth/permissions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff.accounts"))("title") };
}

/** Every customer account, or those whose name, ID or a member's email matches the search; finance staff also create one here. */
export default async function StaffAccountsPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const user = await requireStaffPage("staff.read");
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 200) ?? "";
  const [t, td, rows] = await Promise.all([getTranslations("staff.accounts"), getTranslations("staff.discounts"), searchAccounts(getDb(), { q, limit: 200 })]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {staffCan(user.staffRole, "staff.money") && (
        <Card className="mb-6">
          <NewAccountForm requestId={randomUUID()} />
        </Card>
      )}
      <form method="get" role="search" className="mb-4 flex max-w-xl items-end gap-2">
        <label className="flex-1 text-sm font-medium text-gray-800">
          {t("search")}
          <Input fit="block" className="mt-1" type="search" name="q" defaultValue={q} placeholder={t("searchHint")} aria-describedby="account-search-hint" data-testid="account-search" />
        </label>
        <button type="submit" className={buttonClass("secondary")}>{t("searchButton")}</button>
      </form>
      <p id="account-search-hint" className="sr-only">{t("searchHint")}</p>
      {rows.length === 0 ? (
        <EmptyState icon="accounts" title={q ? t("noMatch", { q }) : t("empty")} />
      ) : (
        <Table testId="staff-accounts" caption={t("title")} columns={[{ label: t("name") }, { label: t("id") }, { label: t("members"), numeric: true }, { label: t("created") }, { label: t("actions") }]}>
          {rows.map((a) => (
            <tr key={a.id} className="hover:bg-gray-50">
              <RowHeader>
                <Link href={`/staff/accounts/${a.id}`} className="text-blue-700 hover:underline" data-testid="account-link">
                  {a.name}
                </Link>
              </RowHeader>
              <Td mono>{a.id}</Td>
              <Td numeric>{a.members}</Td>
              <Td nowrap>
                <DateTime value={a.createdAt} show="date" />
              </Td>
              <Td className="space-x-3">
                <Link href={`/staff/accounts/${a.id}`} className="font-medium text-blue-700 hover:underline" aria-label={t("openLabel", { account: a.name })}>
                  {t("open")}
                </Link>
                <Link href={`/staff/accounts/${a.id}/discounts`} className="font-medium text-blue-700 hover:underline" aria-label={`${td("link")}: ${a.name}`}>
                  {td("link")}
                </Link>
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
