import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import type { Resource } from "@/lib/billing/activate";
import type { RenewalPreview } from "@/lib/billing/renew-stopped";
import { formatMoney, type MoneyLocale } from "@/lib/money";
import { RenewStoppedForm } from "./renew-stopped-form";

/**
 * A subscription stopped at expiry (lib/billing/lapse.ts): when it will be released, and for
 * the roles that may activate, the price of one more term and a Renew button. The page reads
 * the preview (lib/billing/renew-stopped.ts lapsedPreview: null once the 72 hours are over).
 */
export async function StoppedSubscriptionCard({ accountId, resource: r, preview, canManage }: { accountId: string; resource: Resource; preview: RenewalPreview; canManage: boolean }) {
  const [t, locale, format] = await Promise.all([getTranslations(), getLocale() as Promise<MoneyLocale>, getFormatter()]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  const b = (c: React.ReactNode) => <strong className="font-semibold text-gray-900">{c}</strong>;
  return (
    <Card title={t("resources.lapse.title")}>
      <div className="space-y-3 text-sm text-gray-800" data-testid="stopped-subscription">
        <p data-testid="release-at">{t.rich("resources.lapse.body", { stoppedAt: when(r.stoppedAt!), releaseAt: when(preview.releaseAt), b })}</p>
        <p>{t.rich("resources.lapse.preview", { months: preview.termMonths, price: formatMoney(preview.price, locale), until: format.dateTime(preview.newExpiresAt, { dateStyle: "medium", timeZone: "UTC" }), b })}</p>
        {canManage ? (
          <RenewStoppedForm accountId={accountId} resourceId={r.id} name={r.name} price={formatMoney(preview.price, locale)} short={preview.affordable ? null : formatMoney(preview.available, locale)} />
        ) : (
          <p className="text-gray-600">{t("resources.lapse.askAdmin")}</p>
        )}
      </div>
    </Card>
  );
}
