import { Link, Section, Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { EmailButton, EmailLayout } from "./layout";

export interface PaymentReceiptProps {
  name: string;
  account: string;
  /** Formatted, in the recipient's locale. */
  amount: string;
  method: string;
  receiptNo: string;
  paidAt: string;
  available: string;
  url: string;
  /** The receipt as a PDF (a signed-in download); older queued emails have none. */
  pdfUrl?: string;
}

export function paymentReceiptSubject(locale: Locale, p: PaymentReceiptProps): string {
  return translator(locale)("payments.emails.receipt.subject", { amount: p.amount, account: p.account, receiptNo: p.receiptNo });
}

const row = { margin: "2px 0" } as const;

export default function PaymentReceiptEmail({ locale = "en", ...p }: PaymentReceiptProps & { locale?: Locale }) {
  const t = translator(locale);
  return (
    <EmailLayout locale={locale} preview={t("payments.emails.receipt.preview", { amount: p.amount, account: p.account })}>
      <Text>{t("payments.emails.receipt.greeting", { name: p.name })}</Text>
      <Text>{t("payments.emails.receipt.body", { amount: p.amount, account: p.account })}</Text>
      <Section style={{ backgroundColor: "#f9fafb", padding: "12px 16px", borderRadius: "6px" }}>
        <Text style={row}>{t("payments.emails.receipt.receiptNo", { receiptNo: p.receiptNo })}</Text>
        <Text style={row}>{t("payments.emails.receipt.amount", { amount: p.amount })}</Text>
        <Text style={row}>{t("payments.emails.receipt.method", { method: p.method })}</Text>
        <Text style={row}>{t("payments.emails.receipt.paidAt", { paidAt: p.paidAt })}</Text>
        <Text style={row}>{t("payments.emails.receipt.available", { available: p.available })}</Text>
      </Section>
      <EmailButton href={p.url} style={{ marginTop: "16px" }}>{t("payments.emails.receipt.button")}</EmailButton>
      {p.pdfUrl && (
        <Text>
          <Link href={p.pdfUrl}>{t("payments.emails.receipt.pdfLink")}</Link>
        </Text>
      )}
    </EmailLayout>
  );
}

PaymentReceiptEmail.PreviewProps = {
  name: "Ada Lovelace", account: "Analytical Engines Ltd", amount: "$100.00", method: "Visa •••• 4242", receiptNo: "R-1A2B-3C4D-5E6F",
  paidAt: "2026-03-01 09:00 UTC", available: "$1,240.00", url: "http://localhost:3000/a/preview/billing/top-up/preview",
  pdfUrl: "http://localhost:3000/a/preview/billing/payments/preview/receipt",
} satisfies PaymentReceiptProps;
