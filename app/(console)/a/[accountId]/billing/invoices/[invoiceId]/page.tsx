import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { CreditNoteList } from "@/components/credit-notes/credit-note-list";
import { InvoicePdfLinks } from "@/components/invoices/invoice-pdf-links";
import { InvoiceView } from "@/components/invoices/invoice-view";
import { PayInvoiceForm } from "@/components/invoices/pay-invoice-form";
import { NoCardPaymentsNote, TestPaymentsBanner } from "@/components/payments/payments-setup";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { getInvoice } from "@/lib/invoices/read";
import { creditNotesOfInvoices } from "@/lib/credit-notes/read";
import { listChargeableMethods } from "@/db/queries/payments";
import { requireAccountPage } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { isLocale } from "@/lib/i18n/config";
import { buildInvoiceViewModel } from "@/lib/invoices/view-model";
import { paymentsSetup, providerAvailable } from "@/lib/payments/registry";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invoices"))("invoice") };
}

export default async function InvoicePage({ params }: { params: Promise<{ accountId: string; invoiceId: string }> }) {
  const { accountId, invoiceId } = await params;
  const { role } = await requireAccountPage(accountId, "invoices.read");
  const db = getDb();
  const data = await getInvoice(db, { accountId, invoiceId });
  if (!data) notFound();
  const [t, rawLocale, notes] = await Promise.all([getTranslations("invoices"), getLocale(), creditNotesOfInvoices(db, { accountId, invoiceIds: [invoiceId] })]);
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const vm = buildInvoiceViewModel(data, locale);
  const base = `/a/${accountId}/billing/invoices`;
  const payable = data.invoice.status !== "paid" && can(role, "invoices.pay");
  const methods = payable
    ? await listChargeableMethods(db, { accountId })
        // Only methods that can be charged here (no test card in production).
        .then((rows) => rows.filter((m) => providerAvailable(m.provider)).map(({ id, label }) => ({ id, label })))
    : [];
  return (
    <>
      <PageHeader
        title={`${t("invoice")} ${vm.number}`}
        description={`${t("period")} ${vm.period}`}
        actions={
          <Link href={base} className={buttonClass("ghost")}>
            ← {t("back")}
          </Link>
        }
      />
      <InvoiceView
        vm={vm}
        actions={
          <>
            <InvoicePdfLinks href={`${base}/${invoiceId}/pdf`} invoiceLocale={data.invoice.locale} />
            <a href={`${base}/${invoiceId}/csv`} className={buttonClass("secondary")} download data-testid="download-csv">
              {t("exportCsv")}
            </a>
          </>
        }
      />
      <CreditNoteList notes={notes} invoice={data.invoice} locale={locale} pdfHref={(id) => `${base}/${invoiceId}/credit-notes/${id}/pdf`} />
      {data.invoice.status !== "paid" && (
        <div className="mt-4 max-w-xl">
          <TestPaymentsBanner />
          <Card title={t("pay.title")}>
            <p className="mb-3 text-sm text-gray-700" data-testid="how-to-pay">
              {t("pay.howTo")}{" "}
              <Link href={`/a/${accountId}/billing/top-up`} className="font-medium text-blue-700 underline">
                {t("pay.topUpLink")}
              </Link>
            </p>
            {payable && (paymentsSetup() === "none" ? <NoCardPaymentsNote /> : <PayInvoiceForm accountId={accountId} invoiceId={invoiceId} amount={vm.totals.outstanding} methods={methods} requestId={crypto.randomUUID()} />)}
          </Card>
        </div>
      )}
    </>
  );
}
