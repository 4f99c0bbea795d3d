import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ContractView } from "@/components/contracts/contract-view";
import { ReviewActions, TerminateForm } from "@/components/contracts/staff-actions";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { getContract } from "@/db/queries/contracts";
import { requireStaffPage } from "@/lib/auth/guards";
import { staffCan } from "@/lib/auth/permissions";
import { isLocale } from "@/lib/i18n/config";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("contracts"))("staff.title") };
}

/** Finance staff countersign or return a submitted contract and may terminate a signed one; support staff read. */
export default async function StaffContractPage({ params }: { params: Promise<{ contractId: string }> }) {
  const user = await requireStaffPage("staff.read");
  const { contractId } = await params;
  const data = await getContract(getDb(), { accountId: null, contractId });
  if (!data) notFound();
  const [t, rawLocale] = await Promise.all([getTranslations("contracts"), getLocale()]);
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const c = data.contract;
  const finance = staffCan(user.staffRole, "staff.money");
  return (
    <>
      <PageHeader
        title={`${t(`kinds.${c.kind}`)} ${c.number}`}
        description={`${data.accountName} · ${c.terms.startsOn} – ${c.terms.endsOn}`}
        actions={
          <span className="flex gap-2">
            <Link href={`/staff/accounts/${c.accountId}`} className={buttonClass("secondary")}>
              {t("staff.openAccount")}
            </Link>
            <Link href="/staff/contracts" className={buttonClass("ghost")}>
              ← {t("detail.back")}
            </Link>
          </span>
        }
      />
      <ContractView
        data={data}
        locale={locale}
        pdfHref={`/staff/contracts/${contractId}/pdf`}
        actions={
          !finance ? (
            <Alert tone="info">{t("staff.readOnly")}</Alert>
          ) : c.status === "submitted" ? (
            <Card title={t("staff.countersign")}>
              <ReviewActions contractId={contractId} staffName={user.name} />
            </Card>
          ) : c.status === "signed" || c.status === "active" ? (
            <Card title={t("staff.terminate")}>
              <TerminateForm contractId={contractId} />
            </Card>
          ) : null
        }
      />
    </>
  );
}
