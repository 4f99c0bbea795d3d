import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ContractForm } from "@/components/contracts/contract-form";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listOrderableProducts } from "@/db/queries/contracts";
import { requireContractPage } from "@/lib/contracts/access";
import { isLocale } from "@/lib/i18n/config";
import { toDecimalString } from "@/lib/money";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("contracts"))("title") };
}

export default async function EditContractPage({ params }: { params: Promise<{ accountId: string; contractId: string }> }) {
  const { accountId, contractId } = await params;
  const { data } = await requireContractPage(accountId, contractId);
  const c = data.contract;
  const base = `/a/${accountId}/billing/contracts/${contractId}`;
  // Only a draft (or a returned contract) can be edited; the action refuses too.
  if (c.status !== "draft" && c.status !== "returned") redirect(base);
  const [t, rawLocale] = await Promise.all([getTranslations("contracts"), getLocale()]);
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const products = await listOrderableProducts(getDb(), locale);
  const money = (v?: string) => (v ? toDecimalString(BigInt(v), { minDecimals: 2 }) : "");
  return (
    <>
      <PageHeader title={t("form.editTitle", { number: c.number })} description={t(`kinds.${c.kind}`)} />
      <ContractForm
        accountId={accountId}
        kindFixed
        cancelHref={base}
        products={products}
        values={{
          contractId, kind: c.kind, locale: c.locale, startsOn: c.terms.startsOn, endsOn: c.terms.endsOn, scope: c.terms.scope ?? "", notes: c.terms.notes ?? "",
          committedMonthlySpend: money(c.terms.committedMonthlySpend), discountPercent: c.terms.discountBps !== undefined ? String(c.terms.discountBps / 100) : "",
          creditLimit: money(c.terms.creditLimit), paymentTermsDays: c.terms.paymentTermsDays !== undefined ? String(c.terms.paymentTermsDays) : "",
          items: (c.terms.items ?? []).map((i) => ({ productId: i.productId, quantity: String(i.quantity) })),
        }}
      />
    </>
  );
}
