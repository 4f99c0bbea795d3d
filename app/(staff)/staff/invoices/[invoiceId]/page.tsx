import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { InvoicePdfLinks } from "@/components/invoices/invoice-pdf-links";
import { InvoiceView } from "@/components/invoices/invoice-view";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { getInvoiceForStaff } from "@/lib/invoices/read";
import { requireStaffPage } from "@/lib/auth/guards";
import { isLocale } from "@/lib/i18n/config";
import { buildInvoiceViewModel } from "@/lib/invoices/view-model";

export default async function StaffInvoicePage({ params }: { params: Promise<{ invoiceId: string }> }) {
  await requireStaffPage("staff.read");
  const { invoiceId } = await params;
  const data = await getInvoiceForStaff(getDb(), { invoiceId });
  if (!data) notFound();
  const [t, rawLocale] = await Promise.all([getTranslations("invoices"), getLocale()]);
  const vm = buildInvoiceViewModel(data, isLocale(rawLocale) ? rawLocale : "en");
  return (
    <>
      <PageHeader title={`${t("invoice")} ${vm.number}`} description={data.invoice.profile.accountName} />
      <InvoiceView
        vm={vm}
        actions={<InvoicePdfLinks href={`/staff/invoices/${invoiceId}/pdf`} invoiceLocale={data.invoice.locale} />}
      />
    </>
  );
}
