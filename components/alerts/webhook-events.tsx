import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listWebhookEvents } from "@/lib/alerts/settings";

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
const TONE = {
  pending: "text-amber-800",
  delivered: "text-emerald-800",
  failed: "text-red-700",
  cancelled: "text-gray-600",
} as const;

/** The latest webhook events of the account and how delivery went, so a receiver can be debugged from here. Nothing when there are none. */
export async function WebhookEvents({ accountId }: { accountId: string }) {
  const [t, events] = await Promise.all([getTranslations("alerts.deliveries"), listWebhookEvents(getDb(), { accountId })]);
  if (!events.length) return null;
  return (
    <Card title={t("title")}>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="webhook-events">
          <thead className="text-xs text-gray-600">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">
                {t("event")}
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                {t("created")}
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                {t("status")}
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                {t("attempts")}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t("result")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {events.map((e) => (
              <tr key={e.eventId}>
                <td className="py-1.5 pr-3 font-mono text-xs text-gray-900">
                  {e.type}
                  <span className="block text-gray-500">{e.eventId.slice(0, 14)}…</span>
                </td>
                <td className="py-1.5 pr-3 whitespace-nowrap text-gray-700">{when(e.createdAt)}</td>
                <td className={`py-1.5 pr-3 font-medium ${TONE[e.status]}`}>
                  {t(`statuses.${e.status}`)}
                  {e.status === "pending" && e.attempts > 0 && <span className="block text-xs font-normal text-gray-600">{t("retry", { at: when(e.nextAttemptAt) })}</span>}
                </td>
                <td className="py-1.5 pr-3 text-gray-700">{e.attempts}</td>
                <td className="py-1.5 text-xs text-gray-700">
                  {e.lastStatusCode ? `HTTP ${e.lastStatusCode}` : e.status === "cancelled" ? t("removed") : e.lastError ? <span title={e.lastError}>{t("noAnswer")}</span> : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
