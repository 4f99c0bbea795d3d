import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ContractsTable, CONTRACT_STATUSES, StatusFilter } from "@/components/contracts/contracts-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { countContractsByStatus, listContracts } from "@/db/queries/contracts";
import { requireStaffPage } from "@/lib/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("contracts"))("staff.title") };
}

/** Every account's contracts; the submitted ones (waiting for countersignature) first by default. */
export default async function StaffContractsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  await requireStaffPage("staff.read");
  const raw = (await searchParams).status;
  const status = CONTRACT_STATUSES.find((s) => s === raw);
  const t = await getTranslations("contracts");
  const db = getDb();
  const [rows, counts] = await Promise.all([listContracts(db, { accountId: null, status, limit: 200 }), countContractsByStatus(db, { accountId: null })]);
  return (
    <>
      <PageHeader title={t("staff.title")} description={t("staff.description")} />
      <p className="mb-3 text-sm text-gray-700" data-testid="staff-queue">
        {t("staff.queue", { count: counts.submitted ?? 0 })}
      </p>
      <StatusFilter base="/staff/contracts" current={status} counts={counts} />
      {rows.length === 0 ? <EmptyState icon="contracts" title={status ? t("noMatch") : t("emptyTitle")} /> : <ContractsTable rows={rows} hrefOf={(r) => `/staff/contracts/${r.id}`} showAccount />}
    </>
  );
}
