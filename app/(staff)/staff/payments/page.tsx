import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/payments/status-badge";
import { type AccountFigures, ConfirmWireForm, type CreditableInvoiceOption, RefundForm } from "@/components/payments/staff-forms";
import { StaffPaymentNotices } from "@/components/payments/staff-step";
import { Card, PageHeader } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { Money } from "@/components/ui/money";
import { Table, TBody, Td } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { listPendingWires, listRecentTopUps } from "@/db/queries/payments";
import { requireStaffPage } from "@/lib/auth/guards";
import { staffCan } from "@/lib/auth/permissions";
import { refundable } from "@/lib/payments/refund";
import { creditableInvoices } from "@/lib/credit-notes/read";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("payments.staff"))("title") };
}

type Translate = Awaited<ReturnType<typeof getTranslations<"payments">>>;
type Wire = Awaited<ReturnType<typeof listPendingWires>>[number];
type TopUp = Awaited<ReturnType<typeof listRecentTopUps>>[number];
type Figures = (accountId: string) => AccountFigures;
type Creditable = (accountId: string) => CreditableInvoiceOption[];

export default async function StaffPaymentsPage() {
  const user = await requireStaffPage("staff.read");
  const db = getDb();
  const [t, wires, topUps] = await Promise.all([getTranslations("payments"), listPendingWires(db), listRecentTopUps(db)]);
  const canAct = staffCan(user.staffRole, "staff.money");
  // Each account's figures now, for the confirmation step's before → after.
  const accountIds = [...new Set([...wires, ...topUps].map((p) => p.accountId))];
  const balances = new Map(await Promise.all(accountIds.map(async (id) => [id, await getBalances(db, { accountId: id })] as const)));
  // The invoices a refund may credit (finance only; the newest few of each account with a top-up listed).
  const refundAccounts = canAct ? [...new Set(topUps.map((p) => p.accountId))] : [];
  const invoicesByAccount = new Map(await Promise.all(refundAccounts.map(async (id) => [id, (await creditableInvoices(db, { accountId: id })).map((i) => ({ ...i, remaining: String(i.remaining) }))] as const)));
  const creditable: Creditable = (id) => invoicesByAccount.get(id) ?? [];
  const figures = (id: string): AccountFigures => {
    const b = balances.get(id);
    return { balance: String(b?.balance ?? 0n), available: String(b?.available ?? 0n) };
  };
  // Where a refund's money goes: the card or wallet it came from (and through whom), or the customer's bank.
  const destination = (p: TopUp) => {
    if (p.provider === "bank_transfer") return t("staff.destinationBank");
    const provider = t(`methods.providers.${p.provider}`);
    return p.methodLabel ? t("staff.destinationMethod", { method: p.methodLabel, provider }) : provider;
  };
  // At most what is left to refund, and never more than the account holds now.
  const maxRefund = (p: TopUp, left: bigint) => {
    const balance = balances.get(p.accountId)?.balance ?? 0n;
    return left < balance ? left : balance > 0n ? balance : 0n;
  };
  return (
    <>
      <PageHeader title={t("staff.title")} description={t("staff.description")} />
      {!canAct && <p className="mb-4 text-sm text-gray-600">{t("staff.readOnly")}</p>}
      <StaffPaymentNotices>
        <div className="space-y-6">
          <WiresCard t={t} wires={wires} canAct={canAct} figures={figures} />
          <TopUpsCard t={t} topUps={topUps} canAct={canAct} figures={figures} creditable={creditable} maxRefund={maxRefund} destination={destination} />
        </div>
      </StaffPaymentNotices>
    </>
  );
}

/** Bank transfers announced and not yet received; finance staff confirm each under its row. */
function WiresCard({ t, wires, canAct, figures }: { t: Translate; wires: Wire[]; canAct: boolean; figures: Figures }) {
  return (
    <Card title={t("staff.wires")}>
      {wires.length === 0 ? (
        <p className="text-sm text-gray-600">{t("staff.noWires")}</p>
      ) : (
        <Table frame="bare" bodies testId="pending-wires" columns={[{ label: t("staff.colAccount") }, { label: t("staff.colRemark") }, { label: t("staff.colDate") }, { label: t("staff.colAmount"), numeric: true }]}>
          {/* One tbody a transfer: its figures, then (finance staff) the confirmation form across the table. */}
          {wires.map((w) => (
            <TBody key={w.id} className="" data-testid="wire-row">
              <tr>
                <Td tone="strong">{w.accountName}</Td>
                <Td mono>{w.accountId}</Td>
                <Td nowrap>
                  <DateTime value={w.createdAt} utc />
                </Td>
                <Td numeric>
                  <Money value={w.amount} />
                </Td>
              </tr>
              {canAct && (
                <tr>
                  <Td colSpan={4} flush className="px-4 pb-4">
                    <ConfirmWireForm paymentId={w.id} accountName={w.accountName} announced={String(w.amount)} figures={figures(w.accountId)} />
                  </Td>
                </tr>
              )}
            </TBody>
          ))}
        </Table>
      )}
    </Card>
  );
}

/** The latest top-ups of every account; finance staff refund one under its row. */
function TopUpsCard({ t, topUps, canAct, figures, creditable, maxRefund, destination }: { t: Translate; topUps: TopUp[]; canAct: boolean; figures: Figures; creditable: Creditable; maxRefund: (p: TopUp, left: bigint) => bigint; destination: (p: TopUp) => string }) {
  const columns = [{ label: t("staff.colAccount") }, { label: t("staff.colDate") }, { label: t("staff.colMethod") }, { label: t("staff.colAmount"), numeric: true }, { label: t("staff.colRefunded"), numeric: true }, { label: t("staff.colStatus") }];
  return (
    <Card title={t("staff.topUps")}>
      {topUps.length === 0 ? (
        <p className="text-sm text-gray-600">{t("staff.noTopUps")}</p>
      ) : (
        <Table frame="bare" bodies testId="staff-top-ups" columns={columns}>
          {topUps.map((p) => {
            const left = refundable(p);
            return (
              <TBody key={p.id} className="" data-testid="staff-top-up-row">
                <tr>
                  <Td tone="strong">{p.accountName}</Td>
                  <Td nowrap>
                    <DateTime value={p.settledAt ?? p.createdAt} utc />
                  </Td>
                  <Td nowrap>{p.provider === "bank_transfer" ? t("methods.kinds.bank_transfer") : p.methodLabel}</Td>
                  <Td numeric>
                    <Money value={p.receivedAmount ?? p.amount} />
                  </Td>
                  <Td numeric>
                    <Money value={p.refundedAmount} />
                  </Td>
                  <Td>
                    <StatusBadge status={p.status} />
                  </Td>
                </tr>
                {canAct && left > 0n && (
                  <tr>
                    <Td colSpan={6} flush className="px-4 pb-4">
                      {/* Keyed by what was refunded, so a refund brings back a fresh form with the new limit. */}
                      <RefundForm key={`${p.id}:${p.refundedAmount}`} paymentId={p.id} accountName={p.accountName} left={String(left)} max={String(maxRefund(p, left))} destination={destination(p)} figures={figures(p.accountId)} invoices={creditable(p.accountId)} />
                    </Td>
                  </tr>
                )}
              </TBody>
            );
          })}
        </Table>
      )}
    </Card>
  );
}
