import { Link, Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { EmailButton, EmailLayout } from "./layout";

/** The low-funds reminder to an account's owners, admins and finance members (lib/alerts/reminders.ts). */
export interface LowFundsProps {
  name: string;
  account: string;
  /** Formatted in the recipient's locale. */
  available: string;
  threshold: string;
  /** This reminder's number in its episode, and the most an episode sends. */
  reminder: number;
  maxReminders: number;
  topUpUrl: string;
  settingsUrl: string;
}

export const lowFundsSubject = (locale: Locale, p: LowFundsProps) => translator(locale)("alerts.emails.lowFunds.subject", { account: p.account, threshold: p.threshold });

export default function LowFundsEmail({ locale = "en", ...p }: LowFundsProps & { locale?: Locale }) {
  const t = translator(locale);
  const vars = { name: p.name, account: p.account, available: p.available, threshold: p.threshold };
  return (
    <EmailLayout locale={locale} preview={t("alerts.emails.lowFunds.preview", vars)}>
      <Text>{t("alerts.emails.lowFunds.greeting", vars)}</Text>
      <Text>{t("alerts.emails.lowFunds.body", vars)}</Text>
      <EmailButton href={p.topUpUrl}>{t("alerts.emails.lowFunds.button")}</EmailButton>
      <Text style={{ color: "#6b7280" }}>{t("alerts.emails.lowFunds.count", { n: p.reminder, max: p.maxReminders })}</Text>
      <Link href={p.settingsUrl}>{t("alerts.emails.lowFunds.settings")}</Link>
    </EmailLayout>
  );
}

LowFundsEmail.PreviewProps = {
  name: "Ada Lovelace",
  account: "Analytical Engines Ltd",
  available: "$12.34",
  threshold: "$50.00",
  reminder: 2,
  maxReminders: 7,
  topUpUrl: "http://localhost:3000/a/preview/billing/top-up",
  settingsUrl: "http://localhost:3000/a/preview/billing/alerts",
} satisfies LowFundsProps;
