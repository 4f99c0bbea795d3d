import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CreatePlatformKeyForm } from "@/components/platform-keys/platform-key-forms";
import { PlatformKeyTable } from "@/components/platform-keys/platform-key-table";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listPlatformKeys } from "@/lib/api/keys";
import { requireStaffPage } from "@/lib/auth/guards";
import { staffCan } from "@/lib/auth/permissions";
import { clockNow } from "@/lib/clock";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("platformKeys"))("title") };
}

/** Platform API keys: every staff member sees them (no secret is stored); finance create and revoke. */
export default async function PlatformKeysPage() {
  const user = await requireStaffPage("staff.read");
  const canManage = staffCan(user.staffRole, "staff.platform_keys.manage");
  const [t, keys] = await Promise.all([getTranslations("platformKeys"), listPlatformKeys(getDb())]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        {canManage ? (
          <Card>
            <CreatePlatformKeyForm />
          </Card>
        ) : (
          <Alert tone="info">{t("readOnly")}</Alert>
        )}
        <Card>
          <PlatformKeyTable keys={keys} now={clockNow()} canManage={canManage} />
        </Card>
      </div>
    </>
  );
}
