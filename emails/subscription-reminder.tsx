import { Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { EmailButton, EmailLayout } from "./layout";

export interface SubscriptionReminderProps {
  name: string;
  account: string;
  resource: string;
  /** Which reminder: 7 days, 48 hours or 24 hours before expiry. */
  step: "7d" | "48h" | "24h";
  autoRenew: boolean;
  /** Auto-renew on and available funds cover the renewal when the reminder is sent. Left out (emails queued before it): false. */
  willRenew?: boolean;
  /** Formatted, in the recipient's locale. */
  price: string;
  expiresAt: string;
  url: string;
}

export function subscriptionReminderSubject(locale: Locale, p: SubscriptionReminderProps): string {
  return translator(locale)("billing.emails.subscriptionReminder.subject", { resource: p.resource, account: p.account, expiresAt: p.expiresAt });
}

export default function SubscriptionReminderEmail({ locale = "en", ...p }: SubscriptionReminderProps & { locale?: Locale }) {
  const t = translator(locale);
  const vars = { name: p.name, account: p.account, resource: p.resource, expiresAt: p.expiresAt, price: p.price };
  return (
    <EmailLayout locale={locale} preview={t("billing.emails.subscriptionReminder.preview", vars)}>
      <Text>{t("billing.emails.subscriptionReminder.greeting", vars)}</Text>
      <Text>{t("billing.emails.subscriptionReminder.body", vars)}</Text>
      <Text>{t(p.willRenew ? "billing.emails.subscriptionReminder.willRenew" : p.autoRenew ? "billing.emails.subscriptionReminder.autoRenewShort" : "billing.emails.subscriptionReminder.noAutoRenew", vars)}</Text>
      <EmailButton href={p.url}>{t("billing.emails.subscriptionReminder.button")}</EmailButton>
    </EmailLayout>
  );
}

SubscriptionReminderEmail.PreviewProps = {
  name: "Ada Lovelace", account: "Analytical Engines Ltd", resource: "db-primary", step: "48h", autoRenew: false, price: "$100.00", expiresAt: "2026-03-01 09:00 UTC",
  url: "http://localhost:3000/a/preview/resources",
} satisfies SubscriptionReminderProps;
