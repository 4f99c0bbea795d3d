import { Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { EmailButton, EmailLayout } from "./layout";

/** The overdue lifecycle's emails to an account's admins and finance members, one per step. */
export type OverdueStep = "overdue" | "overdueStopped" | "overdueReleased";

export interface OverdueProps {
  name: string;
  account: string;
  /** Formatted amounts, in the recipient's locale. */
  available: string;
  owed: string;
  /** Resources stopped or released in this step. */
  count: number;
  /** When the stopped resources will be released (formatted), for the stop email. */
  releaseAt: string;
  url: string;
}

const subject = (step: OverdueStep) => (locale: Locale, p: OverdueProps) => translator(locale)(`billing.emails.${step}.subject`, { account: p.account });

export const overdueSubject = subject("overdue");
export const overdueStoppedSubject = subject("overdueStopped");
export const overdueReleasedSubject = subject("overdueReleased");

function OverdueBody({ step, locale = "en", ...p }: OverdueProps & { step: OverdueStep; locale?: Locale }) {
  const t = translator(locale);
  const vars = { account: p.account, available: p.available, owed: p.owed, count: p.count, releaseAt: p.releaseAt, name: p.name };
  return (
    <EmailLayout locale={locale} preview={t(`billing.emails.${step}.preview`, vars)}>
      <Text>{t(`billing.emails.${step}.greeting`, vars)}</Text>
      <Text>{t(`billing.emails.${step}.body`, vars)}</Text>
      <Text>{t(`billing.emails.${step}.next`, vars)}</Text>
      <EmailButton href={p.url}>{t(`billing.emails.${step}.button`)}</EmailButton>
      {step === "overdue" ? <Text style={{ color: "#6b7280" }}>{t("billing.emails.overdue.resume")}</Text> : null}
    </EmailLayout>
  );
}

const preview = { name: "Ada Lovelace", account: "Analytical Engines Ltd", available: "-$12.34", owed: "$12.34", count: 3, releaseAt: "2026-03-04 10:00 UTC", url: "http://localhost:3000/a/preview/billing" } satisfies OverdueProps;

export function OverdueEmail(p: OverdueProps & { locale?: Locale }) {
  return <OverdueBody step="overdue" {...p} />;
}
OverdueEmail.PreviewProps = preview;

export function OverdueStoppedEmail(p: OverdueProps & { locale?: Locale }) {
  return <OverdueBody step="overdueStopped" {...p} />;
}
OverdueStoppedEmail.PreviewProps = preview;

export function OverdueReleasedEmail(p: OverdueProps & { locale?: Locale }) {
  return <OverdueBody step="overdueReleased" {...p} />;
}
OverdueReleasedEmail.PreviewProps = preview;
