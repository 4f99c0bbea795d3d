import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/payments/status-badge";
import { ConfirmWireForm, RefundForm } from "@/components/payments/staff-forms";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { listPendingWires, listRecentTopUps } from "@/db/queries/payments";
import { requireStaffPage } from "@/lib/auth/guards";
import { staffCan } from "@/lib/auth/permissions";
import { formatMoney, type MoneyLocale, toDecimalString } from "@/lib/money";
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
  const balances = new Map(await Promise.all([...new Set(topUps.map((p) => p.accountId))].map(async (id) => [id, (await getBalances(db, { accountId: id })).balance] as const)));
  const th = "px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-gray-600";
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (
    <>
      <PageHeader title={t("staff.title")} description={t("staff.description")} />
      {!canAct && <p className="mb-4 text-sm text-gray-600">{t("staff.readOnly")}</p>}
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
                    <th className={th}>{canAct ? t("staff.received") : ""}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-gray-100">
                  {wires.map((w) => (
                    <tr key={w.id} data-testid="wire-row">
                      <td className="px-4 py-3 font-medium text-gray-900">{w.accountName}</td>
                      <td className="px-4 py-3 font-mono text-xs text-gray-700">{w.accountId}</td>
                      <td className="whitespace-nowrap px-4 py-3 text-gray-700">{date(w.createdAt)}</td>
                      <td className="px-4 py-3 text-right tabular-nums text-gray-900">{money(w.amount)}</td>
                      <td className="px-4 py-3">{canAct && <ConfirmWireForm paymentId={w.id} announced={toDecimalString(w.amount)} />}</td>
                    </tr>
                  ))}
                </tbody>
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
                    <th className={th} />
                  </tr>
                </thead>
                <tbody className="divide-y divide-gray-100">
                  {topUps.map((p) => {
                    const left = refundable(p);
                    const balance = balances.get(p.accountId) ?? 0n;
                    const max = left < balance ? left : balance > 0n ? balance : 0n;
                    return (
                      <tr key={p.id} data-testid="staff-top-up-row">
                        <td className="px-4 py-3 font-medium text-gray-900">{p.accountName}</td>
                        <td className="whitespace-nowrap px-4 py-3 text-gray-700">{date(p.settledAt ?? p.createdAt)}</td>
                        <td className="px-4 py-3 text-gray-700">{p.provider === "bank_transfer" ? t("methods.kinds.bank_transfer") : p.methodLabel}</td>
                        <td className="px-4 py-3 text-right tabular-nums text-gray-900">{money(p.receivedAmount ?? p.amount)}</td>
                        <td className="px-4 py-3 text-right tabular-nums text-gray-700">{money(p.refundedAmount)}</td>
                        <td className="px-4 py-3">
                          <StatusBadge status={p.status} />
                        </td>
                        <td className="px-4 py-3">{canAct && left > 0n && <RefundForm paymentId={p.id} refundable={toDecimalString(max)} refundableLabel={money(max)} balanceLabel={money(balance > 0n ? balance : 0n)} />}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
