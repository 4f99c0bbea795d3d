import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { formatMoney, type MoneyLocale } from "@/lib/money";
import type { getAutoRecharge } from "@/lib/payments/auto-recharge";

/**
 * Auto-recharge at a glance: on or off, amount, day and method, and how this month's run
 * went. The page reads the state (getAutoRecharge) and passes it in.
 */
export async function AutoRechargeStatus({ accountId, state }: { accountId: string; state: Awaited<ReturnType<typeof getAutoRecharge>> }) {
  const [t, locale] = await Promise.all([getTranslations("payments.autoRecharge"), getLocale() as Promise<MoneyLocale>]);
  const { settings, primary, lastRun } = state;
  const on = !!settings?.enabled;
  return (
    <Card
      title={t("title")}
      actions={
        <Link href={`/a/${accountId}/billing/auto-recharge`} className="text-sm font-medium text-blue-700 underline">
          {t("manage")}
        </Link>
      }
    >
      <p className="text-sm text-gray-800" data-testid="auto-recharge-status">
        <span className={`mr-2 inline-block size-2 rounded-full align-middle ${on && primary ? "bg-emerald-600" : on ? "bg-amber-500" : "bg-gray-400"}`} aria-hidden="true" />
        {!on ? t("statusOff") : !primary ? t("statusNoPrimary") : t("statusOn", { amount: formatMoney(settings.amount, locale), day: settings.dayOfMonth, method: primary.label })}
      </p>
      {lastRun && <p className="mt-2 text-xs text-gray-600">{t("lastRun", { month: lastRun.month, status: t(`runStatuses.${lastRun.status}`) })}</p>}
    </Card>
  );
}
