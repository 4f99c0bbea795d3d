import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyPanel } from "@/components/console/feature-page";
import { TransactionsTable } from "@/components/transactions/transactions-table";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { countTransactions, listTransactions } from "@/db/queries/transactions";
import { requireAccountPage } from "@/lib/auth/guards";
import { parseTransactionQuery } from "@/lib/ledger/transaction-query";
import { LEDGER_TX_TYPES } from "@/lib/ledger/types";

const PAGE_SIZE = 25;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pages.transactions"))("title") };
}

export default async function TransactionsPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { accountId } = await params;
  await requireAccountPage(accountId, "transactions.read");
  const t = await getTranslations("pages.transactions");
  const { query, filters, badPeriod } = parseTransactionQuery(await searchParams);
  const db = getDb();
  const [total, { rows }] = await Promise.all([
    countTransactions(db, { accountId, ...filters }),
    listTransactions(db, { accountId, ...filters, limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE }),
  ]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const qs = (extra: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ from: query.from, to: query.to, type: query.type, ...extra })) if (v !== undefined && v !== "") p.set(k, String(v));
    return p.toString();
  };
  const base = `/a/${accountId}/billing/transactions`;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <a href={`${base}/export?${qs({})}`} className={buttonClass("secondary")} download>
            {t("exportCsv")}
          </a>
        }
      />
      <form method="get" action={base} className="mb-4 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200" aria-label={t("filter")}>
        <label className="text-sm font-medium text-gray-800">
          {t("from")}
          <input type="date" name="from" defaultValue={query.from} className="mt-1 block rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-blue-700" />
        </label>
        <label className="text-sm font-medium text-gray-800">
          {t("to")}
          <input type="date" name="to" defaultValue={query.to} className="mt-1 block rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-blue-700" />
        </label>
        <label className="text-sm font-medium text-gray-800">
          {t("type")}
          <select name="type" defaultValue={query.type ?? ""} className="mt-1 block rounded-md border-0 py-1.5 pl-3 pr-8 text-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-blue-700">
            <option value="">{t("allTypes")}</option>
            {LEDGER_TX_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`types.${type}`)}
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
        <p className="w-full text-xs text-gray-600">{t("periodHint")}</p>
      </form>
      {badPeriod && (
        <div className="mb-4">
          <Alert tone="warning">{t("badPeriod")}</Alert>
        </div>
      )}
      {rows.length === 0 ? (
        <EmptyPanel icon="transactions" title={total === 0 && !query.from && !query.to && !query.type ? t("emptyTitle") : t("noMatch")} body={t("emptyBody")} />
      ) : (
        <>
          <TransactionsTable rows={rows} />
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
