import { Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { EmailButton, EmailLayout } from "./layout";

export const CONTRACT_EMAIL_EVENTS = ["submit", "withdraw", "countersign", "return", "sign", "activate", "terminate", "expire"] as const;

/** A contract changed status: sent to the other side (customer owners/admins/finance ↔ finance staff). */
export interface ContractUpdateProps {
  name: string;
  account: string;
  number: string;
  kind: "service_agreement" | "order_form" | "credit_agreement";
  event: (typeof CONTRACT_EMAIL_EVENTS)[number];
  comment: string | null;
  url: string;
}

function vars(locale: Locale, p: ContractUpdateProps) {
  const t = translator(locale);
  return { ...p, title: t(`contracts.kinds.${p.kind}`), event: t(`contracts.emails.events.${p.event}`), comment: p.comment ?? "" };
}

export const contractUpdateSubject = (locale: Locale, p: ContractUpdateProps) => translator(locale)("contracts.emails.subject", vars(locale, p));

export default function ContractUpdateEmail({ locale = "en", ...p }: ContractUpdateProps & { locale?: Locale }) {
  const t = translator(locale);
  const v = vars(locale, p);
  return (
    <EmailLayout locale={locale} preview={t("contracts.emails.body", v)}>
      <Text>{t("contracts.emails.greeting", v)}</Text>
      <Text>{t("contracts.emails.body", v)}</Text>
      {p.comment ? <Text style={{ borderLeft: "3px solid #d1d5db", paddingLeft: "10px" }}>{t("contracts.emails.comment", v)}</Text> : null}
      <EmailButton href={p.url}>{t("contracts.emails.button")}</EmailButton>
    </EmailLayout>
  );
}

ContractUpdateEmail.PreviewProps = {
  name: "Ada Lovelace", account: "Analytical Engines Ltd", number: "CT000042", kind: "order_form", event: "countersign", comment: null,
  url: "http://localhost:3000/a/preview/billing/contracts/preview",
} satisfies ContractUpdateProps;
