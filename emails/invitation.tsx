import { Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { EmailButton, EmailLayout } from "./layout";

export interface InvitationProps {
  inviter: string;
  account: string;
  role: "owner" | "admin" | "finance" | "member";
  url: string;
  days: number;
}

export function invitationSubject(locale: Locale, p: InvitationProps): string {
  return translator(locale)("emails.invitation.subject", { inviter: p.inviter, account: p.account });
}

export default function InvitationEmail({ locale = "en", inviter, account, role, url, days }: InvitationProps & { locale?: Locale }) {
  const t = translator(locale);
  const appName = t("common.appName");
  return (
    <EmailLayout locale={locale} preview={t("emails.invitation.preview", { account, appName })}>
      <Text>{t("emails.invitation.body", { inviter, account, role: t(`roles.${role}`) })}</Text>
      <EmailButton href={url}>{t("emails.invitation.button")}</EmailButton>
      <Text style={{ color: "#6b7280" }}>{t("emails.invitation.expires", { days })}</Text>
    </EmailLayout>
  );
}

InvitationEmail.PreviewProps = { inviter: "Grace Hopper", account: "Acme Cloud Ltd", role: "finance", url: "http://localhost:3000/invite/preview", days: 7 } satisfies InvitationProps;
