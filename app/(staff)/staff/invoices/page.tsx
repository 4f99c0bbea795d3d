import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { InvoiceStatusBadge } from "@/components/invoices/status-badge";
import { PageHeader } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { Table, Td } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { listAllInvoices } from "@/lib/invoices/read";
import { requireStaffPage } from "@/lib/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invoices.staff"))("title") };
}

/** Staff see every account's invoices (read-only). */
export default async function StaffInvoicesPage() {
  await requireStaffPage("staff.read");
  const [t, rows] = await Promise.all([getTranslations("invoices"), listAllInvoices(getDb(), { limit: 200 })]);
  return (
    <>
      <PageHeader title={t("staff.title")} description={t("staff.description")} />
      {rows.length === 0 ? (
        <EmptyState icon="invoices" title={t("emptyTitle")} />
      ) : (
        <Table testId="staff-invoices" columns={[{ label: t("number") }, { label: t("staff.account") }, { label: t("period") }, { label: t("status") }, { label: t("total"), numeric: true }]}>
          {rows.map((r) => (
            <tr key={r.id}>
              <Td>
                <Link href={`/staff/invoices/${r.id}`} className="font-medium text-blue-700 hover:underline">
                  {r.number}
                </Link>
              </Td>
              <Td>{r.profile.accountName}</Td>
              <Td>{r.period}</Td>
              <Td>
                <InvoiceStatusBadge status={r.status} label={t(`statuses.${r.status}`)} />
              </Td>
              <Td numeric>
                <Money value={r.total} />
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
