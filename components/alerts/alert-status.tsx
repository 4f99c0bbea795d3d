import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import type { AlertSettingsView } from "@/lib/alerts/settings";
import { formatMoney, type Micros, type MoneyLocale } from "@/lib/money";

/**
 * The low-funds alert at a glance: on or off, the thresholds, and whether available funds
 * are below one now. The page reads the settings and the available funds and passes them in,
 * with the threshold crossed as lowFunds() (lib/alerts/low-funds.ts) found it, so this block
 * and the overview's warning cannot name different ones.
 */
export async function AlertStatus({
  accountId,
  link = true,
  settings,
  available,
  below,
}: {
  accountId: string;
  /** Off on the settings page itself. */
  link?: boolean;
  settings: AlertSettingsView;
  available: Micros;
  /** The lowest enabled threshold the funds are below (lowFunds().threshold), if any. */
  below: Micros | undefined;
}) {
  const [t, locale] = await Promise.all([getTranslations("alerts.status"), getLocale() as Promise<MoneyLocale>]);
  const money = (v: bigint) => formatMoney(v, locale);
  const on = settings.enabled && settings.thresholds.length > 0;
  return (
    <Card
      title={t("title")}
      actions={
        link && (
          <Link href={`/a/${accountId}/billing/alerts`} className="text-sm font-medium text-blue-700 underline">
            {t("manage")}
          </Link>
        )
      }
    >
      <div data-testid="alert-status">
        <p className="text-sm text-gray-800">
          <span className={`mr-2 inline-block size-2 rounded-full align-middle ${!on ? "bg-gray-400" : below !== undefined ? "bg-amber-500" : "bg-emerald-600"}`} aria-hidden="true" />
          {on ? t("on", { thresholds: new Intl.ListFormat(locale, { type: "conjunction" }).format(settings.thresholds.map(money)) }) : t("off")}
        </p>
        {on && (
          <p className={`mt-2 text-sm ${below !== undefined ? "font-medium text-amber-900" : "text-gray-600"}`} data-testid="alert-funds">
            {below !== undefined ? t("below", { available: money(available), threshold: money(below) }) : t("fine", { available: money(available) })}
          </p>
        )}
        {on && settings.webhookUrl && <p className="mt-1 text-xs text-gray-600">{t("webhook")}</p>}
      </div>
    </Card>
  );
}
