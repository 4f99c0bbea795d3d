import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { ComponentProps } from "react";
import { FigureCard } from "@/components/billing/figure-card";
import { ApprovalActions } from "@/components/staff/approval-actions";
import { MoneyActionForm } from "@/components/staff/money-action-form";
import { ProtectionForm } from "@/components/staff/protection-form";
import { UserAccessButton } from "@/components/staff/user-access-button";
import { Card, ListCard, PageHeader } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { Money } from "@/components/ui/money";
import { Table, Td } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { type Balances, getBalances } from "@/db/queries/balances";
import { listResources } from "@/db/queries/billing";
import { listContracts } from "@/db/queries/contracts";
import { listInvoices } from "@/lib/invoices/read";
import { creditableInvoices } from "@/lib/credit-notes/read";
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

type Translate = Awaited<ReturnType<typeof getTranslations<"staff.account">>>;
type TranslateAll = Awaited<ReturnType<typeof getTranslations>>;
type Row<F extends (...a: never[]) => Promise<unknown>> = Awaited<ReturnType<F>> extends (infer R)[] ? R : never;

/** A list in a card of the page: its table, or one line saying there is nothing. */
function CardTable({ title, testId, empty, head, children }: { title: string; testId: string; empty: string; head: string[]; children: ComponentProps<typeof Table>["children"][] }) {
  return (
    <ListCard title={title} isEmpty={children.length === 0} emptyText={empty}>
      <Table frame="bare" density="compact" caption={title} testId={testId} columns={head.map((label) => ({ label }))}>
        {children}
      </Table>
    </ListCard>
  );
}

function LinkCell({ href, children }: { href: string; children: string }) {
  return (
    <Td>
      <Link href={href} className="text-blue-700 hover:underline">
        {children}
      </Link>
    </Td>
  );
}

/** The figures the money forms' confirmations count with, as decimal strings (bigints cross to the client as strings). */
function formFigures(balances: Balances, earlier: { credit_limit: bigint; adjustment: bigint }) {
  return {
    balance: balances.balance.toString(),
    creditLimit: balances.creditLimit.toString(),
    available: balances.available.toString(),
    fourEyesThreshold: fourEyesThreshold().toString(),
    earlierCreditLimit: earlier.credit_limit.toString(),
    earlierAdjustments: earlier.adjustment.toString(),
  };
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
  const [t, tl, balances, overdue, resources, txs, invoices, contracts, members, approvals] = await Promise.all([
    getTranslations("staff.account"),
    getTranslations(),
    getBalances(db, { accountId }),
    getOverdueState(db, { accountId }),
    listResources(db, { accountId, status: ["pending", "running", "stopped"] }),
    listTransactions(db, { accountId, limit: 10 }),
    listInvoices(db, { accountId, limit: 6, now }),
    listContracts(db, { accountId, limit: 10 }),
    listMembersWithAccess(db, { accountId }),
    listApprovals(db, { accountId, limit: 10 }),
  ]);
  const finance = staffCan(user.staffRole, "staff.money");
  // This staff member's own changes to the account in the last 24 hours: the confirmation counts the new one with them.
  const earlier = finance ? await earlierChanges(db, { accountId, userId: user.id, now }) : { credit_limit: 0n, adjustment: 0n };
  const figures = formFigures(balances, earlier);
  // The issued invoices an adjustment's credit may credit (as a credit note), for finance staff.
  const creditable = finance ? (await creditableInvoices(db, { accountId })).map((i) => ({ ...i, remaining: i.remaining.toString() })) : [];
  return (
    <>
      <AccountHeader t={t} accountId={accountId} name={name} />
      <div className="space-y-6">
        <AccountFigures t={t} balances={balances} overdue={overdue} />
        {approvals.length > 0 && <Approvals t={t} approvals={approvals} balances={balances} finance={finance} userId={user.id} />}
        {finance ? (
          <div className="grid gap-6 lg:grid-cols-2">
            {(["creditLimit", "adjustment"] as const).map((kind) => (
              <Card key={kind} title={t(`${kind}Title`)}>
                <MoneyActionForm kind={kind} accountId={accountId} accountName={name} figures={figures} invoices={kind === "adjustment" ? creditable : []} />
              </Card>
            ))}
            <Card title={t("protectionTitle")}>
              <ProtectionForm accountId={accountId} accountName={name} current={overdue.protectionHours} />
            </Card>
          </div>
        ) : (
          <p className="text-sm text-gray-700" data-testid="read-only">
            {t("readOnly")}
          </p>
        )}
        <TransactionsCard t={t} rows={txs.rows} />
        <div className="grid gap-6 lg:grid-cols-2">
          <CardTable title={t("invoices")} testId="account-invoices" empty={t("none")} head={[t("col.number"), t("col.period"), t("col.total"), t("col.status")]}>
            {invoices.map((i) => (
              <tr key={i.id}>
                <LinkCell href={`/staff/invoices/${i.id}`}>{i.number}</LinkCell>
                <Td>{i.period}</Td>
                <Td numeric>
                  <Money value={i.total} />
                </Td>
                <Td>{tl(`invoices.statuses.${i.status}`)}</Td>
              </tr>
            ))}
          </CardTable>
          <CardTable title={t("contracts")} testId="account-contracts" empty={t("none")} head={[t("col.number"), t("col.kind"), t("col.status")]}>
            {contracts.map((c) => (
              <tr key={c.id}>
                <LinkCell href={`/staff/contracts/${c.id}`}>{c.number}</LinkCell>
                <Td>{tl(`contracts.kinds.${c.kind}`)}</Td>
                <Td>{tl(`contracts.statuses.${c.status}`)}</Td>
              </tr>
            ))}
          </CardTable>
          <ResourcesCard t={t} tl={tl} rows={resources.slice(0, 20)} />
          <MembersCard t={t} tl={tl} rows={members} accountId={accountId} userId={user.id} canManage={staffCan(user.staffRole, "staff.users.manage")} />
        </div>
      </div>
    </>
  );
}

function AccountHeader({ t, accountId, name }: { t: Translate; accountId: string; name: string }) {
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
    </>
  );
}

async function AccountFigures({ t, balances, overdue }: { t: Translate; balances: Balances; overdue: Awaited<ReturnType<typeof getOverdueState>> }) {
  const [locale, format] = await Promise.all([getLocale() as Promise<MoneyLocale>, getFormatter()]);
  const money = (v: bigint) => formatMoney(v, locale);
  return (
    <section aria-label={t("figures")} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-6">
      <FigureCard label={t("available")} value={money(balances.available)} missingLabel="" hint={t("availableHint")} emphasis testId="staff-available" tone={balances.available < 0n ? "negative" : undefined} toneLabel={t("belowZero")} />
      <FigureCard label={t("balance")} value={money(balances.balance)} missingLabel="" hint={t("balanceHint")} testId="staff-balance" />
      <FigureCard label={t("creditLimit")} value={money(balances.creditLimit)} missingLabel="" hint={t("creditLimitHint")} testId="staff-credit-limit" />
      <FigureCard label={t("frozen")} value={money(balances.frozen)} missingLabel="" hint={t("frozenHint")} testId="staff-frozen" />
      <FigureCard label={t("overdue")} value={overdue.overdueSince ? t("overdueSince", { date: format.dateTime(overdue.overdueSince, { dateStyle: "medium" }) }) : t("notOverdue")} missingLabel="" hint={overdue.steps.length ? t("overdueSteps", { steps: overdue.steps.join(", ") }) : t("overdueHint")} testId="staff-overdue" tone={overdue.overdueSince ? "negative" : undefined} />
      <FigureCard label={t("protection")} value={overdue.protectionHours === null ? t("protectionDefault") : t("protectionHours", { hours: overdue.protectionHours })} missingLabel="" hint={t("protectionHint")} testId="staff-protection" />
    </section>
  );
}

async function Approvals({ t, approvals, balances, finance, userId }: { t: Translate; approvals: Row<typeof listApprovals>[]; balances: Balances; finance: boolean; userId: string }) {
  const [tm, locale, format] = await Promise.all([getTranslations("staff.money"), getLocale() as Promise<MoneyLocale>, getFormatter()]);
  const money = (v: bigint) => formatMoney(v, locale);
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
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
              {a.status === "pending" && finance && <ApprovalActions approvalId={a.id} own={a.requestedByUserId === userId} summary={summary} effect={approvalEffect(a, balances, tm, money)} />}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

async function TransactionsCard({ t, rows }: { t: Translate; rows: Awaited<ReturnType<typeof listTransactions>>["rows"] }) {
  const tt = await getTranslations("pages.transactions.types");
  const typeLabel = (type: string) => (tt.has(type as "usage") ? tt(type as "usage") : type);
  return (
    <CardTable title={t("transactions")} testId="account-transactions" empty={t("none")} head={[t("col.time"), t("col.type"), t("col.description"), t("col.amount")]}>
      {rows.map((r) => (
        <tr key={r.id}>
          <Td nowrap>
            <DateTime value={r.createdAt} />
          </Td>
          <Td>{typeLabel(r.type)}</Td>
          <Td>{r.description}</Td>
          <Td numeric>
            <Money value={r.amount} signed />
          </Td>
        </tr>
      ))}
    </CardTable>
  );
}

async function ResourcesCard({ t, tl, rows }: { t: Translate; tl: TranslateAll; rows: Awaited<ReturnType<typeof listResources>> }) {
  const locale = await getLocale();
  return (
    <CardTable title={t("resources")} testId="account-resources" empty={t("none")} head={[t("col.name"), t("col.product"), t("col.status")]}>
      {rows.map(({ resource: r, product: p }) => (
        <tr key={r.id}>
          <Td>{r.name}</Td>
          <Td>{locale === "zh-CN" ? p.nameZh : p.nameEn}</Td>
          <Td>{tl(`resources.statuses.${r.status}`)}</Td>
        </tr>
      ))}
    </CardTable>
  );
}

function MembersCard({ t, tl, rows, accountId, userId, canManage }: { t: Translate; tl: TranslateAll; rows: Row<typeof listMembersWithAccess>[]; accountId: string; userId: string; canManage: boolean }) {
  return (
    <CardTable title={t("members")} testId="account-members" empty={t("none")} head={[t("col.name"), t("col.role"), t("col.access")]}>
      {rows.map((m) => (
        <tr key={m.userId}>
          <Td>
            {m.name}
            <span className="block break-all text-xs text-gray-600">{m.email}</span>
          </Td>
          <Td>{tl(`roles.${m.role}`)}</Td>
          <Td>
            <span className={m.disabled ? "font-medium text-red-700" : "text-gray-700"} data-testid="member-access">
              {m.disabled ? t("access.disabledBadge") : t("access.active")}
            </span>
            {canManage && !m.staff && m.userId !== userId && (
              <div className="-ml-2">
                <UserAccessButton target={{ accountId, userId: m.userId, name: m.name, email: m.email, disabled: m.disabled }} />
              </div>
            )}
          </Td>
        </tr>
      ))}
    </CardTable>
  );
}
