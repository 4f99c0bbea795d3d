import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { InvoicePdfLinks } from "@/components/invoices/invoice-pdf-links";
import { InvoiceView } from "@/components/invoices/invoice-view";
import { isLocale } from "@/lib/i18n/config";
import { invoiceFromLink } from "@/lib/invoices/link-access";
import { buildInvoiceViewModel, formatWallTime } from "@/lib/invoices/view-model";

export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/** One invoice, opened from the signed link in its email, without signing in. Anything but a valid link is 403. */
export default async function InvoiceLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const data = await invoiceFromLink(token);
  if (!data) forbidden();
  const [t, rawLocale] = await Promise.all([getTranslations("invoices"), getLocale()]);
  const vm = buildInvoiceViewModel(data, isLocale(rawLocale) ? rawLocale : data.invoice.locale);
  return (
    <main className="mx-auto max-w-7xl px-4 py-8">
      <h1 className="mb-2 text-2xl font-semibold text-gray-900">{t("link.title", { number: vm.number })}</h1>
      <p className="mb-6 text-sm text-gray-600">{t("link.notice", { expires: formatWallTime(data.claims.expiresAt) })}</p>
      <InvoiceView
        vm={vm}
        actions={<InvoicePdfLinks href={`/invoice-link/${token}/pdf`} invoiceLocale={data.invoice.locale} />}
      />
      <p className="mt-6 text-sm">
        <Link href="/sign-in" className="text-blue-700 underline">
          {t("back")}
        </Link>
      </p>
    </main>
  );
}
