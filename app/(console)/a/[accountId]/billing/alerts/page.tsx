import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { AlertSettingsForm } from "@/components/alerts/alert-settings-form";
import { AlertStatus } from "@/components/alerts/alert-status";
import { WebhookEvents } from "@/components/alerts/webhook-events";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { getBalances } from "@/db/queries/balances";
import { requireAccountPage } from "@/lib/auth/guards";
import { getAlertSettings, listWebhookEvents } from "@/lib/alerts/settings";
import { lowFunds } from "@/lib/alerts/low-funds";
import { MAX_REMINDERS } from "@/lib/alerts/reminders";
import { formatMoney, type MoneyLocale, toDecimalString } from "@/lib/money";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("alerts"))("title") };
}

export default async function AlertSettingsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const { account } = await requireAccountPage((await params).accountId, "alerts.manage");
  const db = getDb();
  const [t, locale, settings, balances, events] = await Promise.all([
    getTranslations("alerts"),
    getLocale() as Promise<MoneyLocale>,
    getAlertSettings(db, { accountId: account.id }),
    getBalances(db, { accountId: account.id }),
    listWebhookEvents(db, { accountId: account.id }),
  ]);
  const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <AlertSettingsForm
              accountId={account.id}
              enabled={settings.enabled}
              thresholds={settings.thresholds.map((v) => toDecimalString(v, { minDecimals: 0 }))}
              webhookUrl={settings.webhookUrl ?? ""}
              secretHint={settings.secretHint}
            />
          </Card>
          <WebhookEvents events={events} />
        </div>
        <div className="space-y-4">
          {/* No runway here: the block names a crossed threshold only, as on the overview. */}
          <AlertStatus accountId={account.id} link={false} settings={settings} available={balances.available} below={lowFunds(balances.available, settings, null).threshold} />
          {settings.openEpisodes.length > 0 && (
            <Card title={t("episodes.title")}>
              <ul className="space-y-2 text-sm text-gray-700" data-testid="alert-episodes">
                {settings.openEpisodes.map((e) => (
                  <li key={String(e.threshold)}>{t("episodes.row", { threshold: formatMoney(e.threshold, locale), since: when(e.startedAt), sent: e.sentCount, max: MAX_REMINDERS })}</li>
                ))}
              </ul>
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
