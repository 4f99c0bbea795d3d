import { Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { EmailButton, EmailLayout } from "./layout";

export interface AutoRechargeFailedProps {
  name: string;
  account: string;
  /** Formatted, in the recipient's locale. */
  amount: string;
  attempts: number;
  reason: string;
  url: string;
}

export function autoRechargeFailedSubject(locale: Locale, p: AutoRechargeFailedProps): string {
  return translator(locale)("payments.emails.autoRechargeFailed.subject", { account: p.account });
}

export default function AutoRechargeFailedEmail({ locale = "en", ...p }: AutoRechargeFailedProps & { locale?: Locale }) {
  const t = translator(locale);
  return (
    <EmailLayout locale={locale} preview={t("payments.emails.autoRechargeFailed.preview", { account: p.account })}>
      <Text>{t("payments.emails.autoRechargeFailed.greeting", { name: p.name })}</Text>
      <Text>{t("payments.emails.autoRechargeFailed.body", { amount: p.amount, account: p.account, attempts: p.attempts })}</Text>
      <Text style={{ color: "#6b7280" }}>{t("payments.emails.autoRechargeFailed.reason", { reason: p.reason })}</Text>
      <EmailButton href={p.url}>{t("payments.emails.autoRechargeFailed.button")}</EmailButton>
    </EmailLayout>
  );
}

AutoRechargeFailedEmail.PreviewProps = {
  name: "Ada Lovelace", account: "Analytical Engines Ltd", amount: "$500.00", attempts: 3, reason: "The card was declined.",
  url: "http://localhost:3000/a/preview/billing/payment-methods",
} satisfies AutoRechargeFailedProps;
