import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { CreateKeyForm, RevokeKeyButton } from "@/components/api-keys/api-key-forms";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { listApiKeys } from "@/lib/api/keys";
import { requireAccountPage } from "@/lib/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("resources.apiKeys"))("title") };
}

export default async function ApiKeysPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  await requireAccountPage(accountId, "api_keys.manage");
  const t = await getTranslations("resources.apiKeys");
  const format = await getFormatter();
  const keys = await listApiKeys(getDb(), { accountId });
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) : t("never"));
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <a href="/api/v1/openapi.json" className="text-sm font-medium text-blue-700 underline">
            {t("docs")}
          </a>
        }
      />
      <div className="space-y-6">
        <Card>
          <CreateKeyForm accountId={accountId} />
        </Card>
        <Card>
          {keys.length === 0 ? (
            <p className="text-sm text-gray-600">{t("none")}</p>
          ) : (
            <Table
              frame="bare"
              density="compact"
              testId="api-keys-table"
              columns={[...(["colName", "colPrefix", "colCreated", "colLastUsed", "colStatus"] as const).map((k) => ({ key: k, label: t(k) })), { key: "revoke", label: <span className="sr-only">{t("revoke")}</span> }]}
            >
              {keys.map((k) => (
                <tr key={k.id}>
                  <Td tone="strong">{k.name}</Td>
                  <Td className="font-mono">{k.prefix}…</Td>
                  <Td>{when(k.createdAt)}</Td>
                  <Td>{when(k.lastUsedAt)}</Td>
                  <Td>{k.revokedAt ? t("revoked") : t("active")}</Td>
                  <Td className="text-right">{!k.revokedAt && <RevokeKeyButton accountId={accountId} keyId={k.id} name={k.name} />}</Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
