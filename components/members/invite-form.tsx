"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { inviteMemberAction } from "@/lib/actions/members/invite-member";
import { revokeInvitationAction } from "@/lib/actions/members/revoke-invitation";
import type { ActionResult } from "@/lib/actions/action";
import type { MemberRole } from "@/lib/auth/permissions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";

type State = (ActionResult<unknown> & { email?: string }) | null;

export function InviteForm({ accountId, roles }: { accountId: string; roles: MemberRole[] }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<State, FormData>(async (_s, fd) => ({ ...(await inviteMemberAction(fd)), email: String(fd.get("email")) }), null);
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
      <input type="hidden" name="accountId" value={accountId} />
      <Field label={t("members.email")} id="invite-email" name="email" type="email" required error={state && !state.ok ? state.fieldErrors?.email?.[0] : undefined} />
      <Select label={t("members.role")} id="invite-role" name="role" defaultValue="member">
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </Select>
      <Button type="submit" disabled={pending}>
        {t("members.inviteSubmit")}
      </Button>
      <div className="sm:col-span-3">
        {state?.ok && <Alert tone="success">{t("members.invited", { email: state.email ?? "" })}</Alert>}
        {state && !state.ok && state.code !== "VALIDATION" && <Alert tone="error">{t(`errors.${state.code}`)}</Alert>}
      </div>
    </form>
  );
}

export function RevokeButton({ accountId, invitationId, email }: { accountId: string; invitationId: string; email: string }) {
  const t = useTranslations("members");
  const [, action, pending] = useActionState<State, FormData>((_s, fd) => revokeInvitationAction(fd), null);
  return (
    <form action={action}>
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="invitationId" value={invitationId} />
      <Button type="submit" variant="ghost" disabled={pending} aria-label={`${t("revoke")} ${email}`}>
        {t("revoke")}
      </Button>
    </form>
  );
}
