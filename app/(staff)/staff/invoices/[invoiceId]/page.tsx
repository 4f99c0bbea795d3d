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
  // The lines staff may correct: what is left of each after earlier notes' corrections of it (no rounding line, nothing fully credited).
  const creditedOf = new Map<number, bigint>();
  for (const l of notes.flatMap((n) => n.lines)) if (l.invoiceLinePosition != null) creditedOf.set(l.invoiceLinePosition, (creditedOf.get(l.invoiceLinePosition) ?? 0n) + BigInt(l.amount));
  const lines = data.lines
    .filter((l) => l.kind !== "rounding" && l.net - (creditedOf.get(l.position) ?? 0n) > 0n)
    .map((l) => ({ position: l.position, item: locale === "zh-CN" ? l.itemZh : l.itemEn, left: formatMoney(l.net - (creditedOf.get(l.position) ?? 0n), locale) }));
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
          {remaining > 0n ? <StaffCreditNoteForm accountId={data.invoice.accountId} invoiceId={invoiceId} remaining={formatMoney(remaining, locale)} lines={lines} /> : <p className="text-sm text-gray-700">{tc("staff.nothingLeft")}</p>}
        </Card>
      )}
    </>
  );
}
