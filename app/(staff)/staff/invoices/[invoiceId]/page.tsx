import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { CreditNoteList } from "@/components/credit-notes/credit-note-list";
import { StaffCreditNoteForm } from "@/components/credit-notes/staff-credit-note-form";
import { InvoicePdfLinks } from "@/components/invoices/invoice-pdf-links";
import { InvoiceView } from "@/components/invoices/invoice-view";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { getInvoiceForStaff } from "@/lib/invoices/read";
import { requireStaffPage } from "@/lib/auth/guards";
import { staffCan } from "@/lib/auth/permissions";
import { creditNotesOfInvoices } from "@/lib/credit-notes/read";
import { formatMoney } from "@/lib/money";
import { isLocale } from "@/lib/i18n/config";
import { buildInvoiceViewModel } from "@/lib/invoices/view-model";

export default async function StaffInvoicePage({ params }: { params: Promise<{ invoiceId: string }> }) {
  const user = await requireStaffPage("staff.read");
  const { invoiceId } = await params;
  const data = await getInvoiceForStaff(getDb(), { invoiceId });
  if (!data) notFound();
  const [t, tc, rawLocale, notes] = await Promise.all([getTranslations("invoices"), getTranslations("creditNotes"), getLocale(), creditNotesOfInvoices(getDb(), { accountId: data.invoice.accountId, invoiceIds: [invoiceId] })]);
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const vm = buildInvoiceViewModel(data, locale);
  const remaining = data.invoice.total - notes.reduce((s, n) => s + n.total, 0n);
  return (
    <>
      <PageHeader title={`${t("invoice")} ${vm.number}`} description={data.invoice.profile.accountName} />
      <InvoiceView
        vm={vm}
        actions={<InvoicePdfLinks href={`/staff/invoices/${invoiceId}/pdf`} invoiceLocale={data.invoice.locale} />}
      />
      <CreditNoteList notes={notes} invoice={data.invoice} locale={locale} pdfHref={(id) => `/staff/invoices/${invoiceId}/credit-notes/${id}/pdf`} />
      {staffCan(user.staffRole, "staff.money") && (
        <Card title={tc("staff.heading")} className="mt-4 max-w-2xl">
          {remaining > 0n ? <StaffCreditNoteForm accountId={data.invoice.accountId} invoiceId={invoiceId} remaining={formatMoney(remaining, locale)} /> : <p className="text-sm text-gray-700">{tc("staff.nothingLeft")}</p>}
        </Card>
      )}
    </>
  );
}
