import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import type { Locale } from "@/lib/i18n/config";
import { otherLocale } from "@/lib/pdf/delivery";

/**
 * An invoice's two downloads, as contracts offer theirs: the stored PDF in the language it
 * was issued in, and a copy in the other language (`?copy=`), marked as a copy on every page.
 */
export async function InvoicePdfLinks({ href, invoiceLocale }: { href: string; invoiceLocale: Locale }) {
  const t = await getTranslations("invoices");
  const other = otherLocale(invoiceLocale);
  return (
    <>
      <a href={href} className={buttonClass("primary")} download data-testid="download-pdf" lang={invoiceLocale}>
        {t("downloadPdf")}
      </a>
      <a href={`${href}?copy=${other}`} className={buttonClass("secondary")} download data-testid="download-copy">
        {t("downloadCopy", { language: t(`languages.${other}`) })}
      </a>
      <p className="order-last basis-full text-xs text-gray-600" data-testid="pdf-language">
        {t("issuedIn", { language: t(`languages.${invoiceLocale}`), other: t(`languages.${other}`) })}
      </p>
    </>
  );
}
