import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { LinkSignInForm } from "@/components/auth/link-sign-in-form";

export default async function MagicLinkPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const t = await getTranslations("auth");
  return (
    <AuthCard title={t("linkPageTitle")} subtitle={token ? t("linkPageBody") : undefined}>
      {token ? <LinkSignInForm token={token} /> : <p className="text-sm text-red-700">{t("linkInvalid")}</p>}
      <Link href="/sign-in" className="mt-4 inline-block text-sm text-blue-700 underline">
        {t("backToSignIn")}
      </Link>
    </AuthCard>
  );
}
