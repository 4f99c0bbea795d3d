import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TeamInfoForm } from "@/components/invoices/team-info-form";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireAccountPage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getBillingProfile } from "@/lib/invoices/profile";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invoices.profile"))("title") };
}

export default async function TeamInfoPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { account, role } = await requireAccountPage((await params).accountId, "billing.read");
  const t = await getTranslations("invoices.profile");
  const p = await getBillingProfile(getDb(), { accountId: account.id });
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <TeamInfoForm
          accountId={account.id}
          canEdit={can(role, "billing_profile.manage")}
          values={{
            companyName: p?.companyName || account.name, address: p?.address ?? "", country: p?.country ?? "", taxId: p?.taxId ?? "",
            billingEmail: p?.billingEmail ?? "", invoiceLocale: p?.invoiceLocale ?? "en", invoicesByEmail: p?.invoicesByEmail ?? true,
          }}
        />
      </Card>
    </>
  );
}
