import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/payments/status-badge";
import { type AccountFigures, ConfirmWireForm, RefundForm } from "@/components/payments/staff-forms";
import { StaffPaymentNotices } from "@/components/payments/staff-step";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { listPendingWires, listRecentTopUps } from "@/db/queries/payments";
import { requireStaffPage } from "@/lib/auth/guards";
import { staffCan } from "@/lib/auth/permissions";
import { formatMoney, type MoneyLocale } from "@/lib/money";
import { refundable } from "@/lib/payments/refund";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("payments.staff"))("title") };
}

export default async function StaffPaymentsPage() {
  const user = await requireStaffPage("staff.read");
  const db = getDb();
  const [t, locale, format, wires, topUps] = await Promise.all([getTranslations("payments"), getLocale() as Promise<MoneyLocale>, getFormatter(), listPendingWires(db), listRecentTopUps(db)]);
  const money = (v: bigint) => formatMoney(v, locale);
  const canAct = staffCan(user.staffRole, "staff.money");
  // Each account's figures now, for the confirmation step's before → after.
  const accountIds = [...new Set([...wires, ...topUps].map((p) => p.accountId))];
  const balances = new Map(await Promise.all(accountIds.map(async (id) => [id, await getBalances(db, { accountId: id })] as const)));
  const figures = (id: string): AccountFigures => {
    const b = balances.get(id);
    return { balance: String(b?.balance ?? 0n), available: String(b?.available ?? 0n) };
  };
  // Where a refund's money goes: the card or wallet it came from (and through whom), or the customer's bank.
  const destination = (p: (typeof topUps)[number]) => {
    if (p.provider === "bank_transfer") return t("staff.destinationBank");
    const provider = t(`methods.providers.${p.provider}`);
    return p.methodLabel ? t("staff.destinationMethod", { method: p.methodLabel, provider }) : provider;
  };
  const th = "px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-gray-600";
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (
    <>
      <PageHeader title={t("staff.title")} description={t("staff.description")} />
      {!canAct && <p className="mb-4 text-sm text-gray-600">{t("staff.readOnly")}</p>}
      <StaffPaymentNotices>
        <div className="space-y-6">
          <Card title={t("staff.wires")}>
            {wires.length === 0 ? (
              <p className="text-sm text-gray-600">{t("staff.noWires")}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="pending-wires">
                  <thead>
                    <tr>
                      <th className={th}>{t("staff.colAccount")}</th>
                      <th className={th}>{t("staff.colRemark")}</th>
                      <th className={th}>{t("staff.colDate")}</th>
                      <th className={`${th} text-right`}>{t("staff.colAmount")}</th>
                    </tr>
                  </thead>
                  {/* One tbody a transfer: its figures, then (finance staff) the confirmation form across the table. */}
                  {wires.map((w) => (
                    <tbody key={w.id} data-testid="wire-row">
                      <tr>
                        <td className="px-4 py-3 font-medium text-gray-900">{w.accountName}</td>
                        <td className="px-4 py-3 font-mono text-xs text-gray-700">{w.accountId}</td>
                        <td className="whitespace-nowrap px-4 py-3 text-gray-700">{date(w.createdAt)}</td>
                        <td className="px-4 py-3 text-right tabular-nums text-gray-900">{money(w.amount)}</td>
                      </tr>
                      {canAct && (
                        <tr>
                          <td colSpan={4} className="px-4 pb-4">
                            <ConfirmWireForm paymentId={w.id} accountName={w.accountName} announced={String(w.amount)} figures={figures(w.accountId)} />
                          </td>
                        </tr>
                      )}
                    </tbody>
                  ))}
                </table>
              </div>
            )}
          </Card>
          <Card title={t("staff.topUps")}>
            {topUps.length === 0 ? (
              <p className="text-sm text-gray-600">{t("staff.noTopUps")}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="staff-top-ups">
                  <thead>
                    <tr>
                      <th className={th}>{t("staff.colAccount")}</th>
                      <th className={th}>{t("staff.colDate")}</th>
                      <th className={th}>{t("staff.colMethod")}</th>
                      <th className={`${th} text-right`}>{t("staff.colAmount")}</th>
                      <th className={`${th} text-right`}>{t("staff.colRefunded")}</th>
                      <th className={th}>{t("staff.colStatus")}</th>
                    </tr>
                  </thead>
                  {topUps.map((p) => {
                    const left = refundable(p);
                    const balance = balances.get(p.accountId)?.balance ?? 0n;
                    const max = left < balance ? left : balance > 0n ? balance : 0n;
                    return (
                      <tbody key={p.id} data-testid="staff-top-up-row">
                        <tr>
                          <td className="px-4 py-3 font-medium text-gray-900">{p.accountName}</td>
                          <td className="whitespace-nowrap px-4 py-3 text-gray-700">{date(p.settledAt ?? p.createdAt)}</td>
                          <td className="whitespace-nowrap px-4 py-3 text-gray-700">{p.provider === "bank_transfer" ? t("methods.kinds.bank_transfer") : p.methodLabel}</td>
                          <td className="px-4 py-3 text-right tabular-nums text-gray-900">{money(p.receivedAmount ?? p.amount)}</td>
                          <td className="px-4 py-3 text-right tabular-nums text-gray-700">{money(p.refundedAmount)}</td>
                          <td className="px-4 py-3">
                            <StatusBadge status={p.status} />
                          </td>
                        </tr>
                        {canAct && left > 0n && (
                          <tr>
                            <td colSpan={6} className="px-4 pb-4">
                              {/* Keyed by what was refunded, so a refund brings back a fresh form with the new limit. */}
                              <RefundForm key={`${p.id}:${p.refundedAmount}`} paymentId={p.id} accountName={p.accountName} left={String(left)} max={String(max)} destination={destination(p)} figures={figures(p.accountId)} />
                            </td>
                          </tr>
                        )}
                      </tbody>
                    );
                  })}
                </table>
              </div>
            )}
          </Card>
        </div>
      </StaffPaymentNotices>
    </>
  );
}
