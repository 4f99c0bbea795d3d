import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { TransactionsTable } from "@/components/transactions/transactions-table";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { FilterForm, FilterRange, FilterSelect } from "@/components/ui/filter-form";
import { listQuery, Pagination } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { countTransactions, listTransactions } from "@/db/queries/transactions";
import { requireAccountPage } from "@/lib/auth/guards";
import { chargesOfPosting } from "@/lib/billing/usage-query";
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
  const qs = (extra: Record<string, string | number | undefined>) => listQuery({ from: query.from, to: query.to, type: query.type }, extra);
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
      <FilterForm action={base} label={t("filter")} submit={t("filter")} reset={t("reset")} hint={t("periodHint")}>
        <FilterRange type="date" labels={[t("from"), t("to")]} from={query.from} to={query.to} />
        <FilterSelect label={t("type")} name="type" value={query.type} any={t("allTypes")} options={LEDGER_TX_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) }))} />
      </FilterForm>
      {badPeriod && (
        <div className="mb-4">
          <Alert tone="warning">{t("badPeriod")}</Alert>
        </div>
      )}
      {rows.length === 0 ? (
        <EmptyState icon="transactions" title={total === 0 && !query.from && !query.to && !query.type ? t("emptyTitle") : t("noMatch")} body={t("emptyBody")} />
      ) : (
        <>
          <TransactionsTable rows={rows.map((r) => ({ ...r, chargesHref: chargesOfPosting(accountId, r.idempotencyKey, r.createdAt) }))} />
          <Pagination page={query.page} pages={pages} label={t("pageOf", { page: query.page, pages, total })} href={(page) => `${base}?${qs({ page })}`} previous={t("previous")} next={t("next")} />
        </>
      )}
    </>
  );
}
