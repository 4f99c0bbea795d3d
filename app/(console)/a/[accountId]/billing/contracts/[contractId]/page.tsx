import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { DraftActions, SignForm } from "@/components/contracts/customer-actions";
import { ContractView } from "@/components/contracts/contract-view";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { requireContractPage } from "@/lib/contracts/access";
import { isLocale } from "@/lib/i18n/config";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("contracts"))("title") };
}

const DONE = ["saved"] as const;

export default async function ContractPage({ params, searchParams }: { params: Promise<{ accountId: string; contractId: string }>; searchParams: Promise<{ done?: string }> }) {
  const { accountId, contractId } = await params;
  const { ctx, data } = await requireContractPage(accountId, contractId);
  const doneParam = (await searchParams).done;
  const done = DONE.find((d) => d === doneParam);
  const [t, rawLocale] = await Promise.all([getTranslations("contracts"), getLocale()]);
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const c = data.contract;
  const base = `/a/${accountId}/billing/contracts`;
  const editable = c.status === "draft" || c.status === "returned";
  return (
    <>
      <PageHeader
        title={`${t(`kinds.${c.kind}`)} ${c.number}`}
        description={`${c.terms.startsOn} – ${c.terms.endsOn}`}
        actions={
          <Link href={base} className={buttonClass("ghost")}>
            ← {t("detail.back")}
          </Link>
        }
      />
      {done && editable && (
        <div className="mb-4">
          <Alert tone="success">{t("done.saved")}</Alert>
        </div>
      )}
      <ContractView
        data={data}
        locale={locale}
        pdfHref={`${base}/${contractId}/pdf`}
        actions={
          editable ? (
            <Card>
              <div className="flex flex-wrap items-start gap-3">
                <Link href={`${base}/${contractId}/edit`} className={buttonClass("secondary")} data-testid="edit-contract">
                  {t("detail.edit")}
                </Link>
                <DraftActions accountId={accountId} contractId={contractId} />
              </div>
            </Card>
          ) : c.status === "countersigned" ? (
            <Card title={t("sign.title")}>
              <SignForm accountId={accountId} contractId={contractId} company={c.party.companyName || c.party.accountName} defaultName={ctx.user.name} />
            </Card>
          ) : null
        }
      />
    </>
  );
}
