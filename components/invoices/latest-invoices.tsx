import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { Card, CardLink } from "@/components/ui/card";
import { isLocale } from "@/lib/i18n/config";
import type { InvoiceStatus } from "@/lib/invoices/status";
import { formatMoney } from "@/lib/money";
import { InvoiceStatusBadge } from "./status-badge";

/** The overview's invoices block: the latest few (the page reads them), each linking to its page, and "View all". */
export async function LatestInvoices({ accountId, rows }: { accountId: string; rows: { id: string; number: string; period: string; total: bigint; status: InvoiceStatus }[] }) {
  const [t, rawLocale] = await Promise.all([getTranslations("invoices"), getLocale()]);
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const base = `/a/${accountId}/billing/invoices`;
  return (
    <Card
      title={t("latest.title")}
      actions={
        <CardLink href={base} label={t("latest.viewAll")} card={t("latest.title")} testId="invoices-view-all" />
      }
    >
      {rows.length === 0 ? (
        <EmptyState compact icon="invoices" title={t("latest.emptyTitle")} body={t("latest.emptyBody")} />
      ) : (
        <ul className="divide-y divide-gray-100" data-testid="latest-invoices">
          {rows.map((r) => (
            <li key={r.id} className="flex items-center justify-between gap-3 py-2 text-sm">
              <Link href={`${base}/${r.id}`} className="min-w-0">
                <span className="block font-medium text-blue-700 hover:underline">{r.number}</span>
                <span className="block text-xs text-gray-600">{r.period}</span>
              </Link>
              <span className="flex items-center gap-2">
                <span className="tabular-nums text-gray-900">{formatMoney(r.total, locale)}</span>
                <InvoiceStatusBadge status={r.status} label={t(`statuses.${r.status}`)} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
