import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import type { listWebhookEvents } from "@/lib/alerts/settings";

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
const TONE = {
  pending: "text-amber-800",
  delivered: "text-emerald-800",
  failed: "text-red-700",
  cancelled: "text-gray-600",
} as const;

/** The latest webhook events of the account (the page reads them) and how delivery went, so a receiver can be debugged from here. Nothing when there are none. */
export async function WebhookEvents({ events }: { events: Awaited<ReturnType<typeof listWebhookEvents>> }) {
  const t = await getTranslations("alerts.deliveries");
  if (!events.length) return null;
  return (
    <Card title={t("title")}>
      <Table frame="bare" density="compact" testId="webhook-events" columns={[{ label: t("event") }, { label: t("created") }, { label: t("status") }, { label: t("attempts") }, { label: t("result") }]}>
        {events.map((e) => (
          <tr key={e.eventId}>
            <Td mono tone="strong">
              {e.type}
              <span className="block text-gray-500">{e.eventId.slice(0, 14)}…</span>
            </Td>
            <Td nowrap>{when(e.createdAt)}</Td>
            <Td tone="none" className={`font-medium ${TONE[e.status]}`}>
              {t(`statuses.${e.status}`)}
              {e.status === "pending" && e.attempts > 0 && <span className="block text-xs font-normal text-gray-600">{t("retry", { at: when(e.nextAttemptAt) })}</span>}
            </Td>
            <Td>{e.attempts}</Td>
            <Td className="text-xs">{e.lastStatusCode ? `HTTP ${e.lastStatusCode}` : e.status === "cancelled" ? t("removed") : e.lastError ? <span title={e.lastError}>{t("noAnswer")}</span> : "—"}</Td>
          </tr>
        ))}
      </Table>
    </Card>
  );
}
