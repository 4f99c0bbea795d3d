import { Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { EmailButton, EmailLayout } from "./layout";

/** Sent when a credit note is issued against an invoice, to the account's owners, admins and finance members and its billing email. */
export interface CreditNoteIssuedProps {
  name: string;
  account: string;
  number: string;
  invoice: string;
  period: string;
  reason: string;
  /** Formatted amounts, in the recipient's locale. */
  amount: string;
  amountDue: string;
  url: string;
}

export const creditNoteIssuedSubject = (locale: Locale, p: CreditNoteIssuedProps) => translator(locale)("creditNotes.emails.issued.subject", { number: p.number, invoice: p.invoice });

export default function CreditNoteIssuedEmail({ locale = "en", ...p }: CreditNoteIssuedProps & { locale?: Locale }) {
  const t = translator(locale);
  const vars = { ...p };
  return (
    <EmailLayout locale={locale} preview={t("creditNotes.emails.issued.preview", vars)}>
      <Text>{t("creditNotes.emails.issued.greeting", vars)}</Text>
      <Text>{t("creditNotes.emails.issued.body", vars)}</Text>
      <EmailButton href={p.url}>{t("creditNotes.emails.issued.button")}</EmailButton>
    </EmailLayout>
  );
}

CreditNoteIssuedEmail.PreviewProps = {
  name: "Ada Lovelace", account: "Analytical Engines Ltd", number: "CN00000007", invoice: "INV00000042", period: "2026-02", reason: "Duplicate charge for one server",
  amount: "$120.00", amountDue: "$0.00", url: "http://localhost:3000/a/preview/billing/invoices/preview",
} satisfies CreditNoteIssuedProps;
