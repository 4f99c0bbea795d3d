import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { ApprovalActions } from "@/components/staff/approval-actions";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { listApprovals } from "@/db/queries/staff-console";
import { requireStaffPage } from "@/lib/auth/guards";
import { staffCan } from "@/lib/auth/permissions";
import { formatMoney, type MoneyLocale } from "@/lib/money";
import { approvalEffect } from "@/lib/staff/approval-effect";
import { fourEyesThreshold } from "@/lib/staff/four-eyes";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff.approvals"))("title") };
}

/** Every four-eyes request waiting for a second staff-finance member, and the last ones decided. */
export default async function StaffApprovalsPage() {
  const user = await requireStaffPage("staff.read");
  const db = getDb();
  const [t, ta, tm, format, locale, pending, recent] = await Promise.all([
    getTranslations("staff.approvals"),
    getTranslations("staff.account"),
    getTranslations("staff.money"),
    getFormatter(),
    getLocale() as Promise<MoneyLocale>,
    listApprovals(db, { status: "pending", limit: 200 }),
    listApprovals(db, { limit: 20 }),
  ]);
  const money = (v: bigint) => formatMoney(v, locale);
  // The figures now, so the approver sees what approving would do.
  const balances = new Map(await Promise.all([...new Set(pending.map((a) => a.accountId))].map(async (id) => [id, await getBalances(db, { accountId: id })] as const)));
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const finance = staffCan(user.staffRole, "staff.money");
  const describe = (a: (typeof pending)[number]) =>
    a.kind === "credit_limit" ? ta("approvalCreditLimit", { before: money(a.before ?? 0n), after: money(a.amount) }) : ta("approvalAdjustment", { amount: formatMoney(a.amount, locale, { signed: true }) });
  const decided = recent.filter((a) => a.status !== "pending");
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { threshold: money(fourEyesThreshold()) })} />
      <div className="space-y-6">
        {pending.length === 0 ? (
          <EmptyState icon="staff" title={t("empty")} />
        ) : (
          <ul className="space-y-3" data-testid="pending-approvals">
            {pending.map((a) => (
              <li key={a.id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
                <p className="text-sm font-semibold text-gray-900">
                  <Link href={`/staff/accounts/${a.accountId}`} className="text-blue-700 hover:underline">
                    {a.accountName}
                  </Link>
                  : {describe(a)}
                </p>
                {a.contractId && (
                  <p className="mt-1 text-sm">
                    <Link href={`/staff/contracts/${a.contractId}`} className="text-blue-700 hover:underline" data-testid="approval-contract">
                      {t("contract", { number: a.contractNumber ?? "" })}
                    </Link>
                  </p>
                )}
                <p className="mt-1 text-sm text-gray-700">{ta("approvalBy", { who: a.requestedBy, when: when(a.requestedAt), reason: a.reason })}</p>
                {finance && (
                  <div className="mt-3">
                    <ApprovalActions approvalId={a.id} own={a.requestedByUserId === user.id} summary={`${a.accountName}: ${describe(a)}`} effect={approvalEffect(a, balances.get(a.accountId)!, tm, money)} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        {decided.length > 0 && (
          <Card title={t("recent")}>
            <ul className="divide-y divide-gray-100 text-sm">
              {decided.map((a) => (
                <li key={a.id} className="py-2">
                  <span className="font-medium text-gray-900">{a.accountName}</span>: {describe(a)} · {ta(`approvalStatus.${a.status}`)}
                  <span className="block text-gray-700">{a.decidedBy && a.decidedAt ? ta("approvalDecided", { who: a.decidedBy, when: when(a.decidedAt), note: a.decisionNote ?? "—" }) : null}</span>
                </li>
              ))}
            </ul>
          </Card>
        )}
      </div>
    </>
  );
}
