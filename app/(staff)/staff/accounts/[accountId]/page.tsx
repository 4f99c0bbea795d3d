import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { FigureCard } from "@/components/billing/figure-card";
import { ApprovalActions } from "@/components/staff/approval-actions";
import { MoneyActionForm } from "@/components/staff/money-action-form";
import { UserAccessButton } from "@/components/staff/user-access-button";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { listResources } from "@/db/queries/billing";
import { listContracts } from "@/db/queries/contracts";
import { listInvoices } from "@/db/queries/invoices";
import { isUuid, listMembersWithAccess } from "@/db/queries/memberships";
import { getAccountName } from "@/db/queries/staff";
import { getOverdueState, listApprovals } from "@/db/queries/staff-console";
import { listTransactions } from "@/db/queries/transactions";
import { requireStaffPage } from "@/lib/auth/guards";
import { staffCan } from "@/lib/auth/permissions";
import { clockNow } from "@/lib/clock";
import { formatMoney, type MoneyLocale } from "@/lib/money";
import { approvalEffect } from "@/lib/staff/approval-effect";
import { earlierChanges } from "@/lib/staff/allowance";
import { fourEyesThreshold } from "@/lib/staff/four-eyes";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff.account"))("title") };
}

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-gray-600";
const td = "px-3 py-2 text-gray-800";

function Table({ caption, head, children, testId, empty }: { caption: string; head: string[]; children: ReactNode[]; testId: string; empty: string }) {
  if (children.length === 0) return <p className="text-sm text-gray-700">{empty}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-gray-50">
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col" className={th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">{children}</tbody>
      </table>
    </div>
  );
}

/** One customer account as staff see it: figures, money actions, and everything it holds. */
export default async function StaffAccountPage({ params }: { params: Promise<{ accountId: string }> }) {
  const user = await requireStaffPage("staff.read");
  const { accountId } = await params;
  if (!isUuid(accountId)) notFound();
  const db = getDb();
  const name = await getAccountName(db, accountId);
  if (name === null) notFound();
  const now = clockNow();
  const [t, tm, tt, tl, format, locale, balances, overdue, resources, txs, invoices, contracts, members, approvals] = await Promise.all([
    getTranslations("staff.account"),
    getTranslations("staff.money"),
    getTranslations("pages.transactions.types"),
    getTranslations(),
    getFormatter(),
    getLocale() as Promise<MoneyLocale>,
    getBalances(db, { accountId }),
    getOverdueState(db, { accountId }),
    listResources(db, { accountId, status: ["pending", "running", "stopped"] }),
    listTransactions(db, { accountId, limit: 10 }),
    listInvoices(db, { accountId, limit: 6, now }),
    listContracts(db, { accountId, limit: 10 }),
    listMembersWithAccess(db, { accountId }),
    listApprovals(db, { accountId, limit: 10 }),
  ]);
  const money = (v: bigint) => formatMoney(v, locale);
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const finance = staffCan(user.staffRole, "staff.money");
  // This staff member's own changes to the account in the last 24 hours: the confirmation counts the new one with them.
  const earlier = finance ? await earlierChanges(db, { accountId, userId: user.id, now }) : { credit_limit: 0n, adjustment: 0n };
  const figures = {
    balance: balances.balance.toString(), creditLimit: balances.creditLimit.toString(), available: balances.available.toString(), fourEyesThreshold: fourEyesThreshold().toString(),
    earlierCreditLimit: earlier.credit_limit.toString(), earlierAdjustments: earlier.adjustment.toString(),
  };
  const typeLabel = (type: string) => (tt.has(type as "usage") ? tt(type as "usage") : type);
  const links: [string, string][] = [
    [`/staff/accounts/${accountId}/discounts`, t("links.discounts")],
    ["/staff/payments", t("links.payments")],
    ["/staff/vouchers", t("links.vouchers")],
    ["/staff/contracts", t("links.contracts")],
    ["/staff/invoices", t("links.invoices")],
    [`/staff/audit?account=${accountId}`, t("links.audit")],
  ];
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/staff" className="text-blue-700 hover:underline">
          ← {t("back")}
        </Link>
      </p>
      <PageHeader title={name} description={t("idLine", { id: accountId })} />
      <nav aria-label={t("links.label")} className="mb-6 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {links.map(([href, label]) => (
          <Link key={href} href={href} className="font-medium text-blue-700 hover:underline">
            {label}
          </Link>
        ))}
      </nav>
      <div className="space-y-6">
        <section aria-label={t("figures")} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-5">
          <FigureCard label={t("available")} value={money(balances.available)} missingLabel="" hint={t("availableHint")} emphasis testId="staff-available" tone={balances.available < 0n ? "negative" : undefined} toneLabel={t("belowZero")} />
          <FigureCard label={t("balance")} value={money(balances.balance)} missingLabel="" hint={t("balanceHint")} testId="staff-balance" />
          <FigureCard label={t("creditLimit")} value={money(balances.creditLimit)} missingLabel="" hint={t("creditLimitHint")} testId="staff-credit-limit" />
          <FigureCard label={t("frozen")} value={money(balances.frozen)} missingLabel="" hint={t("frozenHint")} testId="staff-frozen" />
          <FigureCard
            label={t("overdue")}
            value={overdue.overdueSince ? t("overdueSince", { date: format.dateTime(overdue.overdueSince, { dateStyle: "medium" }) }) : t("notOverdue")}
            missingLabel=""
            hint={overdue.steps.length ? t("overdueSteps", { steps: overdue.steps.join(", ") }) : t("overdueHint")}
            testId="staff-overdue"
            tone={overdue.overdueSince ? "negative" : undefined}
          />
        </section>

        {approvals.length > 0 && (
          <Card title={t("approvals")}>
            <ul className="divide-y divide-gray-100" data-testid="account-approvals">
              {approvals.map((a) => {
                const summary = a.kind === "credit_limit" ? t("approvalCreditLimit", { before: money(a.before ?? 0n), after: money(a.amount) }) : t("approvalAdjustment", { amount: formatMoney(a.amount, locale, { signed: true }) });
                return (
                  <li key={a.id} className="space-y-1 py-3 text-sm">
                    <p className="font-medium text-gray-900">
                      {summary} · <span className="font-normal text-gray-700">{t(`approvalStatus.${a.status}`)}</span>
                    </p>
                    <p className="text-gray-700">{t("approvalBy", { who: a.requestedBy, when: date(a.requestedAt), reason: a.reason })}</p>
                    {a.decidedBy && a.decidedAt && <p className="text-gray-700">{t("approvalDecided", { who: a.decidedBy, when: date(a.decidedAt), note: a.decisionNote ?? "—" })}</p>}
                    {a.status === "pending" && finance && <ApprovalActions approvalId={a.id} own={a.requestedByUserId === user.id} summary={summary} effect={approvalEffect(a, balances, tm, money)} />}
                  </li>
                );
              })}
            </ul>
          </Card>
        )}

        {finance ? (
          <div className="grid gap-6 lg:grid-cols-2">
            <Card title={t("creditLimitTitle")}>
              <MoneyActionForm kind="creditLimit" accountId={accountId} accountName={name} figures={figures} />
            </Card>
            <Card title={t("adjustmentTitle")}>
              <MoneyActionForm kind="adjustment" accountId={accountId} accountName={name} figures={figures} />
            </Card>
          </div>
        ) : (
          <p className="text-sm text-gray-700" data-testid="read-only">
            {t("readOnly")}
          </p>
        )}

        <Card title={t("transactions")}>
          <Table caption={t("transactions")} testId="account-transactions" empty={t("none")} head={[t("col.time"), t("col.type"), t("col.description"), t("col.amount")]}>
            {txs.rows.map((r) => (
              <tr key={r.id}>
                <td className={`${td} whitespace-nowrap`}>{date(r.createdAt)}</td>
                <td className={td}>{typeLabel(r.type)}</td>
                <td className={td}>{r.description}</td>
                <td className={`${td} text-right tabular-nums`}>{formatMoney(r.amount, locale, { signed: true })}</td>
              </tr>
            ))}
          </Table>
        </Card>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card title={t("invoices")}>
            <Table caption={t("invoices")} testId="account-invoices" empty={t("none")} head={[t("col.number"), t("col.period"), t("col.total"), t("col.status")]}>
              {invoices.map((i) => (
                <tr key={i.id}>
                  <td className={td}>
                    <Link href={`/staff/invoices/${i.id}`} className="text-blue-700 hover:underline">
                      {i.number}
                    </Link>
                  </td>
                  <td className={td}>{i.period}</td>
                  <td className={`${td} text-right tabular-nums`}>{money(i.total)}</td>
                  <td className={td}>{tl(`invoices.statuses.${i.status}`)}</td>
                </tr>
              ))}
            </Table>
          </Card>
          <Card title={t("contracts")}>
            <Table caption={t("contracts")} testId="account-contracts" empty={t("none")} head={[t("col.number"), t("col.kind"), t("col.status")]}>
              {contracts.map((c) => (
                <tr key={c.id}>
                  <td className={td}>
                    <Link href={`/staff/contracts/${c.id}`} className="text-blue-700 hover:underline">
                      {c.number}
                    </Link>
                  </td>
                  <td className={td}>{tl(`contracts.kinds.${c.kind}`)}</td>
                  <td className={td}>{tl(`contracts.statuses.${c.status}`)}</td>
                </tr>
              ))}
            </Table>
          </Card>
          <Card title={t("resources")}>
            <Table caption={t("resources")} testId="account-resources" empty={t("none")} head={[t("col.name"), t("col.product"), t("col.status")]}>
              {resources.slice(0, 20).map(({ resource: r, product: p }) => (
                <tr key={r.id}>
                  <td className={td}>{r.name}</td>
                  <td className={td}>{locale === "zh-CN" ? p.nameZh : p.nameEn}</td>
                  <td className={td}>{tl(`resources.statuses.${r.status}`)}</td>
                </tr>
              ))}
            </Table>
          </Card>
          <Card title={t("members")}>
            <Table caption={t("members")} testId="account-members" empty={t("none")} head={[t("col.name"), t("col.role"), t("col.access")]}>
              {members.map((m) => (
                <tr key={m.userId}>
                  <td className={td}>
                    {m.name}
                    <span className="block break-all text-xs text-gray-600">{m.email}</span>
                  </td>
                  <td className={td}>{tl(`roles.${m.role}`)}</td>
                  <td className={td}>
                    <span className={m.disabled ? "font-medium text-red-700" : "text-gray-700"} data-testid="member-access">
                      {m.disabled ? t("access.disabledBadge") : t("access.active")}
                    </span>
                    {staffCan(user.staffRole, "staff.users.manage") && !m.staff && m.userId !== user.id && (
                      <div className="-ml-2">
                        <UserAccessButton target={{ accountId, userId: m.userId, name: m.name, email: m.email, disabled: m.disabled }} />
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </Table>
          </Card>
        </div>
      </div>
    </>
  );
}
