import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { AutoRefresh } from "@/components/payments/auto-refresh";
import { TestPaymentsBanner } from "@/components/payments/payments-setup";
import { StatusBadge } from "@/components/payments/status-badge";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { isUuid } from "@/db/queries/memberships";
import { getAccountPayment } from "@/db/queries/payments";
import { requireAccountPage } from "@/lib/auth/guards";
import { formatMoney, type MoneyLocale } from "@/lib/money";
import { receiptNo } from "@/lib/payments/settle";
import { wireDetails } from "@/lib/payments/wire-details";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("payments.topUp"))("title") };
}

export default async function ReceiptPage({ params }: { params: Promise<{ accountId: string; paymentId: string }> }) {
  const { accountId, paymentId } = await params;
  const { account } = await requireAccountPage(accountId, "billing.read");
  if (!isUuid(paymentId)) notFound();
  const db = getDb();
  const payment = await getAccountPayment(db, { accountId: account.id, paymentId });
  if (!payment) notFound();
  const [t, locale, format, balances] = await Promise.all([getTranslations("payments"), getLocale() as Promise<MoneyLocale>, getFormatter(), getBalances(db, { accountId: account.id })]);
  const money = (v: bigint) => formatMoney(v, locale);
  const wire = payment.provider === "bank_transfer";
  const credited = payment.receivedAmount ?? payment.amount;
  const no = receiptNo(payment.id);
  const w = wireDetails();
  const row = (label: string, value: React.ReactNode, testId?: string) => (
    <div className="grid grid-cols-3 gap-4 py-2.5">
      <dt className="text-gray-600">{label}</dt>
      <dd className="col-span-2 text-gray-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
  return (
    <>
      {payment.status === "unknown" && <AutoRefresh />}
      <PageHeader title={t("receipt.title", { receiptNo: no })} description={t("receipt.description", { amount: money(payment.amount) })} />
      <TestPaymentsBanner />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          {payment.status !== "pending" && (
            <div className="mb-4" data-testid="receipt-message">
              {payment.status === "succeeded" && <Alert tone="success">{t("receipt.paidBody", { amount: money(credited) })}</Alert>}
              {payment.status === "unknown" && <Alert tone="warning">{t("receipt.processingBody")}</Alert>}
              {payment.status === "failed" && <Alert tone="error">{t("receipt.failedBody")}</Alert>}
            </div>
          )}
          <dl className="divide-y divide-gray-100 text-sm" data-testid="receipt">
            {row(t("receipt.receiptNo"), <span className="font-mono">{no}</span>)}
            {row(t("receipt.status"), <StatusBadge status={payment.status} wire={wire} />)}
            {row(t("receipt.amount"), <span className="tabular-nums">{money(payment.amount)}</span>, "receipt-amount")}
            {payment.receivedAmount !== null && row(t("receipt.received"), <span className="tabular-nums">{money(payment.receivedAmount)}</span>)}
            {payment.refundedAmount > 0n && row(t("receipt.refunded"), <span className="tabular-nums">{money(payment.refundedAmount)}</span>)}
            {row(t("receipt.method"), wire ? t("methods.kinds.bank_transfer") : (payment.methodLabel ?? ""))}
            {row(t("receipt.date"), format.dateTime(payment.settledAt ?? payment.createdAt, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC")}
            {row(t("receipt.availableNow"), <span className="font-semibold tabular-nums">{money(balances.available)}</span>, "receipt-available")}
          </dl>
          {payment.status === "succeeded" && payment.payerEmail && <p className="mt-4 text-sm text-gray-600">{t("receipt.emailed", { email: payment.payerEmail })}</p>}
          <div className="mt-5 flex gap-3">
            <Link href={`/a/${account.id}/billing`} className={buttonClass("primary")}>
              {t("receipt.backToOverview")}
            </Link>
            <Link href={`/a/${account.id}/billing/top-up`} className={buttonClass("secondary")}>
              {t("receipt.topUpAgain")}
            </Link>
            {payment.status === "succeeded" && (payment.purpose === "top_up" || payment.purpose === "auto_recharge") && (
              <a href={`/a/${account.id}/billing/payments/${payment.id}/receipt`} className={buttonClass("secondary")} download data-testid="receipt-pdf">
                {t("receipt.downloadPdf")}
              </a>
            )}
          </div>
        </Card>
        {wire && payment.status === "pending" && (
          <Card title={t("receipt.wireTitle")}>
            <p className="mb-4 text-sm text-gray-700">{t("receipt.wireBody", { amount: money(payment.amount) })}</p>
            <dl className="divide-y divide-gray-100 text-sm" data-testid="wire-instructions">
              {row(t("receipt.beneficiary"), w.beneficiary)}
              {row(t("receipt.bank"), w.bank)}
              {row(t("receipt.accountNumber"), <span className="font-mono">{w.accountNumber}</span>)}
              {row(t("receipt.swift"), <span className="font-mono">{w.swift}</span>)}
              {row(t("receipt.remark"), <span className="break-all font-mono font-semibold">{account.id}</span>, "wire-remark")}
            </dl>
            <p className="mt-3 text-xs text-gray-600">{t("receipt.remarkHint")}</p>
          </Card>
        )}
      </div>
    </>
  );
}
