import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptForm, NewUserForm } from "@/components/members/accept-forms";
import { buttonClass } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { userWithEmailExists } from "@/db/queries/users";
import { getSessionUser } from "@/lib/auth/session";
import { findOpenInvitation } from "@/lib/members/invitation";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations();
  const inv = await findOpenInvitation(getDb(), token);
  if (!inv) {
    return (
      <AuthCard title={t("members.inviteTitlePage", { account: "" }).trim()}>
        <p className="text-sm text-red-700">{t("members.inviteInvalid")}</p>
      </AuthCard>
    );
  }
  const title = t("members.inviteTitlePage", { account: inv.accountName });
  const body = t("members.inviteBody", { account: inv.accountName, role: t(`roles.${inv.role}`) });
  const user = await getSessionUser();
  if (user) {
    return (
      <AuthCard title={title} subtitle={body}>
        {user.email.toLowerCase() === inv.email ? <AcceptForm token={token} /> : <p className="text-sm text-red-700">{t("members.inviteOtherUser", { email: inv.email, current: user.email })}</p>}
      </AuthCard>
    );
  }
  const existing = await userWithEmailExists(getDb(), { email: inv.email });
  return (
    <AuthCard title={title} subtitle={body}>
      {existing ? (
        <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`} className={buttonClass("primary", "w-full")}>
          {t("members.inviteSignIn", { email: inv.email })}
        </Link>
      ) : (
        <NewUserForm token={token} email={inv.email} />
      )}
    </AuthCard>
  );
}
