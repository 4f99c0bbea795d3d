import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { CreateKeyForm, RevokeKeyButton } from "@/components/api-keys/api-key-forms";
import { Card, PageHeader } from "@/components/ui/card";
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
            <table className="min-w-full text-left text-sm" data-testid="api-keys-table">
              <thead className="text-xs uppercase tracking-wide text-gray-600">
                <tr>
                  {(["colName", "colPrefix", "colCreated", "colLastUsed", "colStatus"] as const).map((k) => (
                    <th key={k} scope="col" className="pb-2 pr-4 font-medium">
                      {t(k)}
                    </th>
                  ))}
                  <th scope="col" className="pb-2">
                    <span className="sr-only">{t("revoke")}</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-200">
                {keys.map((k) => (
                  <tr key={k.id}>
                    <td className="py-2 pr-4 font-medium text-gray-900">{k.name}</td>
                    <td className="py-2 pr-4 font-mono text-gray-700">{k.prefix}…</td>
                    <td className="py-2 pr-4 text-gray-700">{when(k.createdAt)}</td>
                    <td className="py-2 pr-4 text-gray-700">{when(k.lastUsedAt)}</td>
                    <td className="py-2 pr-4 text-gray-700">{k.revokedAt ? t("revoked") : t("active")}</td>
                    <td className="py-2 text-right">{!k.revokedAt && <RevokeKeyButton accountId={accountId} keyId={k.id} name={k.name} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
    </>
  );
}
