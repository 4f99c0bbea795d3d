import { Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { EmailButton, EmailLayout } from "./layout";

/** A subscription that could not renew: stopped at its expiry, then released 72 hours later (lib/billing/lapse.ts). */
type Step = "subscriptionStopped" | "subscriptionReleased";

export interface SubscriptionLapseProps {
  name: string;
  account: string;
  resource: string;
  /** One more term at the renewal price, formatted in the recipient's locale. */
  price: string;
  autoRenew: boolean;
  stoppedAt: string;
  releaseAt: string;
  url: string;
}

const subject = (step: Step) => (locale: Locale, p: SubscriptionLapseProps) => translator(locale)(`billing.emails.${step}.subject`, { resource: p.resource, account: p.account });
export const subscriptionStoppedSubject = subject("subscriptionStopped");
export const subscriptionReleasedSubject = subject("subscriptionReleased");

function LapseBody({ step, locale = "en", ...p }: SubscriptionLapseProps & { step: Step; locale?: Locale }) {
  const t = translator(locale);
  const vars = { name: p.name, account: p.account, resource: p.resource, price: p.price, stoppedAt: p.stoppedAt, releaseAt: p.releaseAt };
  return (
    <EmailLayout locale={locale} preview={t(`billing.emails.${step}.preview`, vars)}>
      <Text>{t(`billing.emails.${step}.greeting`, vars)}</Text>
      <Text>{t(`billing.emails.${step}.body`, vars)}</Text>
      {step === "subscriptionStopped" ? <Text>{t(p.autoRenew ? "billing.emails.subscriptionStopped.autoRenew" : "billing.emails.subscriptionStopped.renew", vars)}</Text> : null}
      <EmailButton href={p.url}>{t(`billing.emails.${step}.button`)}</EmailButton>
    </EmailLayout>
  );
}

const preview = {
  name: "Ada Lovelace", account: "Analytical Engines Ltd", resource: "db-primary", price: "$100.00", autoRenew: true, stoppedAt: "2026-03-01 09:00 UTC", releaseAt: "2026-03-04 09:00 UTC",
  url: "http://localhost:3000/a/preview/resources",
} satisfies SubscriptionLapseProps;

export function SubscriptionStoppedEmail(p: SubscriptionLapseProps & { locale?: Locale }) {
  return <LapseBody step="subscriptionStopped" {...p} />;
}
SubscriptionStoppedEmail.PreviewProps = preview;

export function SubscriptionReleasedEmail(p: SubscriptionLapseProps & { locale?: Locale }) {
  return <LapseBody step="subscriptionReleased" {...p} />;
}
SubscriptionReleasedEmail.PreviewProps = preview;
