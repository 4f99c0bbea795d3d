import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { NoCardPaymentsNote, TestPaymentsBanner } from "@/components/payments/payments-setup";
import { TopUpForm } from "@/components/payments/top-up-form";
import { StatusBadge } from "@/components/payments/status-badge";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { listAccountTopUps } from "@/db/queries/payments";
import { requireAccountPage } from "@/lib/auth/guards";
import { formatMoney, type MoneyLocale } from "@/lib/money";
import { listMethods } from "@/lib/payments/methods";
import { paymentsSetup, providerAvailable } from "@/lib/payments/registry";
import { QUICK_PICKS, TOP_UP_MAX, TOP_UP_MIN } from "@/lib/payments/top-up";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("payments.topUp"))("title") };
}

export default async function TopUpPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { account } = await requireAccountPage((await params).accountId, "topups.create");
  const db = getDb();
  const [t, locale, format, methods, balances, recent] = await Promise.all([
    getTranslations("payments"),
    getLocale() as Promise<MoneyLocale>,
    getFormatter(),
    listMethods(db, { accountId: account.id }),
    getBalances(db, { accountId: account.id }),
    listAccountTopUps(db, { accountId: account.id, limit: 8 }),
  ]);
  const base = `/a/${account.id}/billing`;
  return (
    <>
      <PageHeader title={t("topUp.title")} description={paymentsSetup() === "none" ? t("topUp.descriptionWireOnly") : t("topUp.description")} />
      <TestPaymentsBanner />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <div className="mb-5 empty:hidden">
            <NoCardPaymentsNote />
          </div>
          <p className="mb-5 text-sm text-gray-700" data-testid="current-funds">
            {t("topUp.currentFunds", { amount: formatMoney(balances.available, locale) })}
          </p>
          <TopUpForm
            accountId={account.id}
            accountName={account.name}
            // Only methods that can be charged here: a test card is not offered in production.
            methods={methods.filter((m) => providerAvailable(m.provider)).map((m) => ({ id: m.id, label: m.label, kind: m.kind, isDefault: m.isDefault }))}
            quickPicks={QUICK_PICKS.map(String)}
            min={TOP_UP_MIN.toString()}
            max={TOP_UP_MAX.toString()}
            addMethodHref={paymentsSetup() === "none" ? null : `${base}/payment-methods`}
          />
        </Card>
        <Card title={t("topUp.recent")}>
          {recent.length === 0 ? (
            <p className="text-sm text-gray-600">{t("topUp.noRecent")}</p>
          ) : (
            <ul className="divide-y divide-gray-100 text-sm" data-testid="recent-top-ups">
              {recent.map((p) => (
                <li key={p.id} className="flex items-center justify-between gap-3 py-2.5">
                  <div>
                    <Link href={`${base}/top-up/${p.id}`} className="font-medium tabular-nums text-blue-700 underline">
                      {formatMoney(p.receivedAmount ?? p.amount, locale)}
                    </Link>
                    <p className="text-xs text-gray-600">
                      {format.dateTime(p.createdAt, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} · {p.provider === "bank_transfer" ? t("methods.kinds.bank_transfer") : (p.methodLabel ?? "")}
                    </p>
                  </div>
                  <StatusBadge status={p.status} wire={p.provider === "bank_transfer"} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
