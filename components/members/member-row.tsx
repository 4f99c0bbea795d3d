"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { changeRoleAction } from "@/lib/actions/members/change-role";
import { removeMemberAction } from "@/lib/actions/members/remove-member";
import type { ActionResult } from "@/lib/actions/action";
import type { MemberRole } from "@/lib/auth/permissions";
import { Button } from "@/components/ui/button";

type State = ActionResult<unknown> | null;

export function MemberRow({ accountId, member, roles, isSelf, canEdit }: {
  accountId: string;
  member: { userId: string; name: string; email: string; role: MemberRole; since: string };
  roles: MemberRole[];
  isSelf: boolean;
  canEdit: boolean;
}) {
  const t = useTranslations();
  const [roleState, roleAction, rolePending] = useActionState<State, FormData>((_s, fd) => changeRoleAction(fd), null);
  const [removeState, removeAction, removePending] = useActionState<State, FormData>((_s, fd) => removeMemberAction(fd), null);
  const error = [roleState, removeState].find((s) => s && !s.ok) as Extract<State, { ok: false }> | undefined;
  return (
    <tr className="border-t border-gray-200" data-testid={`member-${member.email}`}>
      <td className="py-3 pr-4 text-sm font-medium text-gray-900">
        {member.name} {isSelf && <span className="text-gray-500">({t("members.you")})</span>}
      </td>
      <td className="py-3 pr-4 text-sm text-gray-700">{member.email}</td>
      <td className="py-3 pr-4 text-sm">
        {canEdit ? (
          <form action={roleAction} className="flex items-center gap-2">
            <input type="hidden" name="accountId" value={accountId} />
            <input type="hidden" name="userId" value={member.userId} />
            <select name="role" defaultValue={member.role} aria-label={t("members.roleFor", { name: member.name })} className="rounded-md border-0 py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-blue-700">
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
            <Button type="submit" variant="secondary" disabled={rolePending}>
              {t("members.saveRole")}
            </Button>
          </form>
        ) : (
          t(`roles.${member.role}`)
        )}
        {error && (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {t(`errors.${error.code}`)}
          </p>
        )}
        {roleState?.ok && <p className="mt-1 text-xs text-emerald-700">{t("members.saved")}</p>}
      </td>
      <td className="py-3 text-right text-sm">
        {canEdit && (
          <form action={removeAction} onSubmit={(e) => { if (!confirm(t("members.removeConfirm", { name: member.name }))) e.preventDefault(); }}>
            <input type="hidden" name="accountId" value={accountId} />
            <input type="hidden" name="userId" value={member.userId} />
            <Button type="submit" variant="ghost" disabled={removePending} aria-label={`${t("members.remove")} ${member.email}`}>
              {t("members.remove")}
            </Button>
          </form>
        )}
      </td>
    </tr>
  );
}
