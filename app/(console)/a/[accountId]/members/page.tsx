import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { InviteForm, RevokeButton } from "@/components/members/invite-form";
import { MemberRow } from "@/components/members/member-row";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, TBody } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { listMembers, listPendingInvitations } from "@/db/queries/memberships";
import { requireAccountPage } from "@/lib/auth/guards";
import { assignableRoles, can } from "@/lib/auth/permissions";
import { clockNow } from "@/lib/clock";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("members"))("title") };
}

export default async function MembersPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const ctx = await requireAccountPage(accountId, "members.read");
  const t = await getTranslations();
  const format = await getFormatter();
  const [members, pending] = await Promise.all([listMembers(getDb(), { accountId }), listPendingInvitations(getDb(), { accountId, now: clockNow() })]);
  const manage = can(ctx.role, "members.manage");
  const roles = assignableRoles(ctx.role);
  return (
    <div className="space-y-6">
      <PageHeader title={t("members.title")} description={t("members.description")} />
      <Card>
        <Table
          frame="bare"
          density="compact"
          bodies
          columns={[{ label: t("members.name") }, { label: t("members.email") }, { label: t("members.role") }, { label: <span className="sr-only">{t("members.actions")}</span>, numeric: true }]}
        >
          <TBody>
            {members.map((m) => (
              <MemberRow
                key={m.userId}
                accountId={accountId}
                member={{ ...m, since: m.since.toISOString() }}
                roles={roles}
                isSelf={m.userId === ctx.user.id}
                canEdit={manage && (m.role !== "owner" || ctx.role === "owner")}
              />
            ))}
          </TBody>
        </Table>
      </Card>
      {manage && (
        <Card title={t("members.inviteTitle")}>
          <InviteForm accountId={accountId} roles={roles} />
          <ul className="mt-4 grid gap-1 text-xs text-gray-600 sm:grid-cols-2">
            {roles.map((r) => (
              <li key={r}>
                <span className="font-semibold text-gray-800">{t(`roles.${r}`)}</span>: {t(`members.roleHelp.${r}`)}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card title={t("members.pendingTitle")}>
        {pending.length === 0 ? (
          <p className="text-sm text-gray-600">{t("members.noPending")}</p>
        ) : (
          <ul className="divide-y divide-gray-200">
            {pending.map((p) => (
              <li key={p.id} className="flex items-center justify-between py-2 text-sm">
                <span>
                  {p.email} · {t(`roles.${p.role}`)} · {t("members.expires")} {format.dateTime(p.expiresAt, { dateStyle: "medium" })}
                </span>
                {manage && <RevokeButton accountId={accountId} invitationId={p.id} email={p.email} />}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
