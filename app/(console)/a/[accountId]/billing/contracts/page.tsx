import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ContractsTable, CONTRACT_STATUSES, StatusFilter } from "@/components/contracts/contracts-table";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { countContractsByStatus, listContracts } from "@/db/queries/contracts";
import { requireContractsPage } from "@/lib/contracts/access";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("contracts"))("title") };
}

export default async function ContractsPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<{ status?: string }> }) {
  const { accountId } = await params;
  await requireContractsPage(accountId);
  const raw = (await searchParams).status;
  const status = CONTRACT_STATUSES.find((s) => s === raw);
  const t = await getTranslations("contracts");
  const db = getDb();
  const [rows, counts] = await Promise.all([listContracts(db, { accountId, status }), countContractsByStatus(db, { accountId })]);
  const base = `/a/${accountId}/billing/contracts`;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href={`${base}/new`} className={buttonClass("primary")} data-testid="new-contract">
            {t("new")}
          </Link>
        }
      />
      <StatusFilter base={base} current={status} counts={counts} />
      {rows.length === 0 ? (
        <EmptyState icon="contracts" title={status ? t("noMatch") : t("emptyTitle")} body={t("emptyBody")} />
      ) : (
        <ContractsTable rows={rows} hrefOf={(r) => `${base}/${r.id}`} />
      )}
    </>
  );
}
