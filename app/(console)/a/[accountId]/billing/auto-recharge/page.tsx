import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { AutoRechargeForm } from "@/components/payments/auto-recharge-form";
import { AutoRechargeStatus } from "@/components/payments/auto-recharge-status";
import { NoCardPaymentsNote, TestPaymentsBanner } from "@/components/payments/payments-setup";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireAccountPage } from "@/lib/auth/guards";
import { formatMoney, type MoneyLocale, toDecimalString } from "@/lib/money";
import { getAutoRecharge, lastMonthSpend, suggestAmount } from "@/lib/payments/auto-recharge";
import { paymentsSetup, providerAvailable } from "@/lib/payments/registry";
import { TOP_UP_MAX, TOP_UP_MIN } from "@/lib/payments/top-up";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("payments.autoRecharge"))("title") };
}

export default async function AutoRechargePage({ params }: { params: Promise<{ accountId: string }> }) {
  const { account } = await requireAccountPage((await params).accountId, "auto_recharge.manage");
  const db = getDb();
  const [t, locale, state, spend] = await Promise.all([getTranslations("payments"), getLocale() as Promise<MoneyLocale>, getAutoRecharge(db, { accountId: account.id }), lastMonthSpend(db, account.id)]);
  const suggested = suggestAmount(spend);
  const plain = (v: bigint) => toDecimalString(v, { minDecimals: 0 });
  return (
    <>
      <PageHeader title={t("autoRecharge.title")} description={t("autoRecharge.description")} />
      <TestPaymentsBanner />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <div className="mb-5 empty:hidden">
            <NoCardPaymentsNote what="noAutoRecharge" />
          </div>
          <AutoRechargeForm
            accountId={account.id}
            enabled={state.settings?.enabled ?? false}
            amount={plain(state.settings?.amount ?? suggested)}
            day={state.settings?.dayOfMonth ?? 1}
            suggested={plain(suggested)}
            suggestedLabel={formatMoney(suggested, locale)}
            spendLabel={formatMoney(spend, locale)}
            limits={{ min: formatMoney(TOP_UP_MIN, locale), max: formatMoney(TOP_UP_MAX, locale) }}
            hasPrimary={!!state.primary && providerAvailable(state.primary.provider)}
            unavailable={paymentsSetup() === "none"}
          />
        </Card>
        <div className="space-y-4">
          <AutoRechargeStatus accountId={account.id} state={state} />
          {!state.primary && paymentsSetup() !== "none" && (
            <Link href={`/a/${account.id}/billing/payment-methods`} className="text-sm font-medium text-blue-700 underline">
              {t("autoRecharge.choosePrimary")}
            </Link>
          )}
        </div>
      </div>
    </>
  );
}
