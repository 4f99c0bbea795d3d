"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { changeRoleAction } from "@/lib/actions/members/change-role";
import { removeMemberAction } from "@/lib/actions/members/remove-member";
import type { ActionResult } from "@/lib/actions/action";
import type { MemberRole } from "@/lib/auth/permissions";
import { Button } from "@/components/ui/button";
import { SelectInput } from "@/components/ui/input";
import { Td } from "@/components/ui/table";

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
    <tr data-testid={`member-${member.email}`}>
      <Td tone="strong">
        {member.name} {isSelf && <span className="text-gray-500">({t("members.you")})</span>}
      </Td>
      <Td>{member.email}</Td>
      <Td>
        {canEdit ? (
          <form action={roleAction} className="flex items-center gap-2">
            <input type="hidden" name="accountId" value={accountId} />
            <input type="hidden" name="userId" value={member.userId} />
            <SelectInput fit="inline" name="role" defaultValue={member.role} aria-label={t("members.roleFor", { name: member.name })}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </SelectInput>
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
      </Td>
      <Td className="text-right">
        {canEdit && (
          <form action={removeAction} onSubmit={(e) => { if (!confirm(t("members.removeConfirm", { name: member.name }))) e.preventDefault(); }}>
            <input type="hidden" name="accountId" value={accountId} />
            <input type="hidden" name="userId" value={member.userId} />
            <Button type="submit" variant="ghost" disabled={removePending} aria-label={`${t("members.remove")} ${member.email}`}>
              {t("members.remove")}
            </Button>
          </form>
        )}
      </Td>
    </tr>
  );
}
