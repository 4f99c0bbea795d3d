import { Link, Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { EmailButton, EmailLayout } from "./layout";

/** Sent when an invoice is issued, to the account's owners, admins and finance members; the link is signed and expires. */
export interface InvoiceIssuedProps {
  name: string;
  account: string;
  number: string;
  period: string;
  /** Formatted amounts, in the recipient's locale. */
  total: string;
  amountDue: string;
  expiresOn: string;
  url: string;
  /** The language the invoice was issued in; when it is not the recipient's, `copyUrl` downloads its marked copy in theirs. */
  invoiceLocale?: Locale;
  copyUrl?: string;
}

export const invoiceIssuedSubject = (locale: Locale, p: InvoiceIssuedProps) => translator(locale)("invoices.emails.issued.subject", { number: p.number, period: p.period });

export default function InvoiceIssuedEmail({ locale = "en", ...p }: InvoiceIssuedProps & { locale?: Locale }) {
  const t = translator(locale);
  const vars = { ...p };
  return (
    <EmailLayout locale={locale} preview={t("invoices.emails.issued.preview", vars)}>
      <Text>{t("invoices.emails.issued.greeting", vars)}</Text>
      <Text>{t("invoices.emails.issued.body", vars)}</Text>
      <EmailButton href={p.url}>{t("invoices.emails.issued.button")}</EmailButton>
      {p.copyUrl && p.invoiceLocale && p.invoiceLocale !== locale ? (
        <Text>
          {t("invoices.emails.issued.copy", { original: t(`invoices.languages.${p.invoiceLocale}`), language: t(`invoices.languages.${locale}`) })}
          {locale === "en" ? " " : ""}
          <Link href={p.copyUrl}>{t("invoices.emails.issued.copyLink", { language: t(`invoices.languages.${locale}`) })}</Link>
        </Text>
      ) : null}
      <Text style={{ color: "#6b7280" }}>{t("invoices.emails.issued.expiry", vars)}</Text>
    </EmailLayout>
  );
}

InvoiceIssuedEmail.PreviewProps = {
  name: "Ada Lovelace", account: "Analytical Engines Ltd", number: "INV00000042", period: "2026-02", total: "$1,234.56", amountDue: "$0.00", expiresOn: "2026-04-04",
  url: "http://localhost:3000/invoice-link/preview",
  invoiceLocale: "zh-CN",
  copyUrl: "http://localhost:3000/invoice-link/preview/pdf?copy=en",
} satisfies InvoiceIssuedProps;
