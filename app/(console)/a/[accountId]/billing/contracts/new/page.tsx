import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ContractForm, type Kind } from "@/components/contracts/contract-form";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listOrderableProducts } from "@/db/queries/contracts";
import { requireContractsPage } from "@/lib/contracts/access";
import { clockNow } from "@/lib/clock";
import { isLocale } from "@/lib/i18n/config";
import { getBillingProfile } from "@/lib/invoices/profile";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("contracts"))("form.newTitle") };
}

const KINDS: Kind[] = ["service_agreement", "order_form", "credit_agreement"];

export default async function NewContractPage({ params, searchParams }: { params: Promise<{ accountId: string }>; searchParams: Promise<{ kind?: string }> }) {
  const { accountId } = await params;
  const { account } = await requireContractsPage(accountId);
  const [t, rawLocale] = await Promise.all([getTranslations("contracts"), getLocale()]);
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const db = getDb();
  const [profile, products] = await Promise.all([getBillingProfile(db, { accountId }), listOrderableProducts(db, locale)]);
  const kindParam = (await searchParams).kind;
  const kind = KINDS.find((k) => k === kindParam) ?? "order_form";
  const today = clockNow().toISOString().slice(0, 10);
  const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  const base = `/a/${accountId}/billing/contracts`;
  return (
    <>
      <PageHeader title={t("form.newTitle")} description={t("description")} />
      <div className="mb-4 max-w-3xl">
        <Alert tone={profile?.companyName ? "info" : "warning"}>
          {profile?.companyName ? t("form.party", { company: profile.companyName }) : t("form.partyEmpty")}{" "}
          <Link href={`/a/${accountId}/billing/team-info`} className="font-medium underline">
            {t("form.editTeamInfo")}
          </Link>
        </Alert>
      </div>
      <ContractForm
        accountId={account.id}
        kindFixed={false}
        cancelHref={base}
        products={products}
        values={{
          kind, locale: profile?.invoiceLocale ?? locale, startsOn: today, endsOn: nextYear, scope: "", notes: "",
          committedMonthlySpend: "", discountPercent: "0", creditLimit: "", paymentTermsDays: "30", items: [],
        }}
      />
    </>
  );
}
