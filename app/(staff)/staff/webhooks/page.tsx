import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CreateEndpointForm } from "@/components/webhooks/create-endpoint-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { RowHeader, Table, Td } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { listPlatformEndpoints } from "@/db/queries/webhooks";
import { requireStaffPage } from "@/lib/auth/guards";
import { staffCan } from "@/lib/auth/permissions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("webhooks"))("title") };
}

export default async function StaffWebhooksPage() {
  const user = await requireStaffPage("staff.read");
  const [t, endpoints] = await Promise.all([getTranslations("webhooks"), listPlatformEndpoints(getDb())]);
  const manage = staffCan(user.staffRole, "staff.webhooks.manage");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {manage ? (
        <Card title={t("create.title")} className="mb-6">
          <CreateEndpointForm />
        </Card>
      ) : (
        <div className="mb-6">
          <Alert tone="info">{t("readOnly")}</Alert>
        </div>
      )}
      {endpoints.length === 0 ? (
        <EmptyState icon="outbox" title={t("empty")} />
      ) : (
        <Table testId="endpoints" caption={t("title")} columns={[{ label: t("columns.url") }, { label: t("columns.types") }, { label: t("columns.status") }, { label: t("columns.created") }]}>
          {endpoints.map((e) => (
            <tr key={e.id} className="hover:bg-gray-50" data-testid="endpoint-row">
              <RowHeader>
                <Link href={`/staff/webhooks/${e.id}`} className="break-all text-blue-700 hover:underline">
                  {e.url}
                </Link>
                {e.description && <span className="block text-xs font-normal text-gray-600">{e.description}</span>}
              </RowHeader>
              <Td className="max-w-80">
                <span className="block">{t("typeCount", { count: e.eventTypes.length })}</span>
                <span className="block font-mono text-xs text-gray-600">{e.eventTypes.join(", ")}</span>
              </Td>
              <Td>{e.disabledAt ? <Badge tone="gray">{t("status.disabled")}</Badge> : <Badge tone="emerald">{t("status.active")}</Badge>}</Td>
              <Td nowrap>
                <DateTime value={e.createdAt} utc />
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
