import { Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { EmailButton, EmailLayout } from "./layout";

export interface MagicLinkProps {
  name: string;
  url: string;
  minutes: number;
}

export function magicLinkSubject(locale: Locale): string {
  return translator(locale)("emails.magicLink.subject");
}

export default function MagicLinkEmail({ locale = "en", name, url, minutes }: MagicLinkProps & { locale?: Locale }) {
  const t = translator(locale);
  const appName = t("common.appName");
  return (
    <EmailLayout locale={locale} preview={t("emails.magicLink.preview", { appName })}>
      <Text>{t("emails.magicLink.greeting", { name })}</Text>
      <Text>{t("emails.magicLink.body", { minutes })}</Text>
      <EmailButton href={url}>{t("emails.magicLink.button")}</EmailButton>
      <Text style={{ color: "#6b7280" }}>{t("emails.magicLink.ignore")}</Text>
    </EmailLayout>
  );
}

MagicLinkEmail.PreviewProps = { name: "Ada Lovelace", url: "http://localhost:3000/sign-in/link?token=preview", minutes: 15 } satisfies MagicLinkProps;
