import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { FirstStaffHint } from "@/components/auth/first-staff-hint";
import { LocaleLinks } from "@/components/auth/locale-links";
import { MagicLinkForm, PasswordForm } from "@/components/auth/sign-in-forms";
import { DEMO_PASSWORD } from "@/lib/demo/logins";
import { afterSignInPath } from "@/lib/actions/auth/after-sign-in";
import { getDb } from "@/db/client";
import { anyUserExists } from "@/db/queries/users";
import { getSessionUser } from "@/lib/auth/session";
import { isDemoMode, publicDemoMailbox } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getSessionUser()) redirect("/");
  const { callbackUrl } = await searchParams;
  const t = await getTranslations("auth");
  await connection();
  const noUsers = !isDemoMode() && !(await anyUserExists(getDb()));
  return (
    <AuthCard title={t("title")} subtitle={t("subtitle")}>
      {noUsers && <FirstStaffHint />}
      <PasswordForm callbackUrl={await afterSignInPath(callbackUrl)} />
      <div className="my-6 flex items-center gap-3 text-xs uppercase text-gray-500">
        <span className="h-px flex-1 bg-gray-200" />
        {t("or")}
        <span className="h-px flex-1 bg-gray-200" />
      </div>
      <h2 className="mb-3 text-sm font-semibold text-gray-900">{t("linkTitle")}</h2>
      <MagicLinkForm />
      {publicDemoMailbox() && (
        <div className="mt-6 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
          <p className="font-semibold">{t("demoTitle")}</p>
          <p>{t.rich("demoBody", { password: DEMO_PASSWORD, code: (chunks) => <code className="whitespace-nowrap rounded bg-amber-100 px-1 font-mono">{chunks}</code> })}</p>
          <Link href="/dev/mailbox" className="font-medium text-amber-950 underline">
            {t("openMailbox")}
          </Link>
        </div>
      )}
      <LocaleLinks />
    </AuthCard>
  );
}
