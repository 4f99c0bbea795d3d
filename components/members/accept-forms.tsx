"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { acceptAsNewUserAction, acceptInvitationAction } from "@/lib/actions/members/accept-invitation";
import type { ActionResult } from "@/lib/actions/action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { fieldMessage } from "@/lib/validation/messages";

type State = ActionResult<unknown> | null;

export function AcceptForm({ token }: { token: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<State, FormData>((_s, fd) => acceptInvitationAction(fd), null);
  return (
    <form action={action} className="space-y-3">
      {state && !state.ok && <Alert tone="error">{t(`errors.${state.code}`)}</Alert>}
      <input type="hidden" name="token" value={token} />
      <Button type="submit" disabled={pending} className="w-full">
        {t("members.inviteAccept")}
      </Button>
    </form>
  );
}

export function NewUserForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<State, FormData>((_s, fd) => acceptAsNewUserAction(fd), null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={action} className="space-y-4">
      {failed && failed.code !== "VALIDATION" && <Alert tone="error">{t(`errors.${failed.code}`)}</Alert>}
      <input type="hidden" name="token" value={token} />
      <Field label={t("members.email")} name="email-display" value={email} readOnly disabled />
      <Field label={t("members.yourName")} name="name" autoComplete="name" required error={fieldMessage(t, failed?.fieldErrors?.name?.[0])} />
      <Field label={t("members.choosePassword")} name="password" type="password" autoComplete="new-password" minLength={10} required hint={t("members.passwordHint")} error={failed?.fieldErrors?.password?.[0]} />
      <Button type="submit" disabled={pending} className="w-full">
        {t("members.inviteCreate")}
      </Button>
    </form>
  );
}
