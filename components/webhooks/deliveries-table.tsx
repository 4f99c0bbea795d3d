import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { Table, Td } from "@/components/ui/table";

export interface DeliveryView {
  id: string;
  type: string;
  eventId: string;
  accountId: string;
  accountName: string | null;
  status: "pending" | "delivered" | "failed" | "cancelled";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastLatencyMs: number | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date;
}

const TONES: Record<DeliveryView["status"], BadgeTone> = { pending: "amber", delivered: "emerald", failed: "red", cancelled: "gray" };

export function DeliveryStatusBadge({ status }: { status: DeliveryView["status"] }) {
  const t = useTranslations("webhooks.deliveries.statuses");
  return (
    <Badge tone={TONES[status]} data-status={status}>
      {t(status)}
    </Badge>
  );
}

/** An endpoint's deliveries, one row each; `action(row)` fills the last column (Resend, for finance staff). */
export function DeliveriesTable({ rows, action }: { rows: DeliveryView[]; action?: (row: DeliveryView) => ReactNode }) {
  const t = useTranslations("webhooks.deliveries.columns");
  return (
    <Table
      testId="deliveries"
      density="compact"
      columns={[
        { label: t("type") },
        { label: t("account") },
        { label: t("status") },
        { label: t("attempts"), numeric: true },
        { label: t("code"), numeric: true },
        { label: t("latency"), numeric: true },
        { label: t("lastAttempt") },
        { label: t("nextAttempt") },
        !!action && { label: t("actions") },
      ]}
    >
      {rows.map((d) => (
        <tr key={d.id} className="hover:bg-gray-50" data-testid="delivery-row" data-event-id={d.eventId}>
          <Td mono nowrap>
            {d.type}
            <span className="block text-xs text-gray-600" title={t("eventId")}>
              {d.eventId}
            </span>
          </Td>
          <Td nowrap>{d.accountName ?? d.accountId}</Td>
          <Td>
            <DeliveryStatusBadge status={d.status} />
            {d.lastError && <span className="mt-1 block max-w-48 truncate text-xs text-gray-600" title={d.lastError}>{d.lastError}</span>}
          </Td>
          <Td numeric data-testid="delivery-attempts">{d.attempts}</Td>
          <Td numeric>{d.lastStatusCode ?? "—"}</Td>
          <Td numeric>{d.lastLatencyMs ?? "—"}</Td>
          <Td nowrap>{d.lastAttemptAt ? <DateTime value={d.lastAttemptAt} utc /> : "—"}</Td>
          <Td nowrap>{d.status === "pending" ? <DateTime value={d.nextAttemptAt} utc /> : "—"}</Td>
          {action && <Td nowrap>{action(d)}</Td>}
        </tr>
      ))}
    </Table>
  );
}
