import { Body, Button, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";

/** Every email's frame: in the recipient's language, with the preview line and the app's footer. */
export function EmailLayout({ locale, preview, children }: { locale: Locale; preview: string; children: ReactNode }) {
  const t = translator(locale);
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f4f5f7", fontFamily: "-apple-system, 'Segoe UI', Helvetica, Arial, 'PingFang SC', 'Microsoft YaHei', sans-serif" }}>
        <Container style={{ backgroundColor: "#ffffff", margin: "24px auto", padding: "32px", maxWidth: "560px", borderRadius: "8px" }}>
          <Section>{children}</Section>
          <Hr style={{ borderColor: "#e5e7eb", margin: "24px 0" }} />
          <Text style={{ color: "#6b7280", fontSize: "12px" }}>{t("emails.footer", { appName: t("common.appName") })}</Text>
        </Container>
      </Body>
    </Html>
  );
}

const buttonStyle = {
  backgroundColor: "#1d4ed8",
  color: "#ffffff",
  padding: "10px 18px",
  borderRadius: "6px",
  fontWeight: 600,
  textDecoration: "none",
} as const;

/** The email's one call to action. */
export function EmailButton({ href, style, children }: { href: string; style?: CSSProperties; children: ReactNode }) {
  return (
    <Button href={href} style={style ? { ...buttonStyle, ...style } : buttonStyle}>
      {children}
    </Button>
  );
}
