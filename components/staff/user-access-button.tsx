"use client";
import { useTranslations } from "next-intl";
import { setUserAccessAction } from "@/lib/actions/staff/set-user-access";
import { ReasonDialog } from "./reason-dialog";

export interface AccessTarget {
  accountId: string;
  userId: string;
  name: string;
  email: string;
  disabled: boolean;
}

/**
 * "Disable user" / "Enable" on a member row of the staff account page: the reason, then a
 * confirmation of the effect (every session ends now, no sign-in by password or link), then
 * the outcome (how many sessions ended).
 */
export function UserAccessButton({ target }: { target: AccessTarget }) {
  const t = useTranslations("staff.account.access");
  const disable = !target.disabled;
  const who = { name: target.name, email: target.email };
  return (
    <ReasonDialog
      trigger={{ label: disable ? t("disable") : t("enable"), variant: "ghost", className: `whitespace-nowrap px-2 py-1 ${disable ? "text-red-700" : ""}`, testId: "user-access" }}
      title={disable ? t("titleDisable", who) : t("titleEnable", who)}
      testId="user-access"
      intro={disable ? t("introDisable", who) : t("introEnable", who)}
      lead={disable ? t("leadDisable", who) : t("leadEnable", who)}
      effects={disable ? [t("effectSessions", who), t("effectSignIn"), t("effectData")] : [t("effectEnable", who), t("effectEnded")]}
      confirmLabel={disable ? t("disable") : t("enable")}
      danger={disable}
      run={(reason) => setUserAccessAction({ accountId: target.accountId, userId: target.userId, disabled: disable, reason })}
      outcome={(d) => (!d.changed ? t("unchanged", who) : disable ? t("doneDisabled", { ...who, count: d.sessionsEnded }) : t("doneEnabled", who))}
      cancelLabel={t("cancel")}
      closeLabel={t("close")}
    />
  );
}
