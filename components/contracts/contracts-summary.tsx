import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { Card, CardLink } from "@/components/ui/card";
import { ContractStatusBadge } from "./status-badge";

/** The overview's contracts block: the account's latest contracts (the page reads them) with their status, and View details. */
export async function ContractsSummary({ accountId, rows }: { accountId: string; rows: { id: string; kind: string; number: string; status: string; terms: { startsOn: string; endsOn: string } }[] }) {
  const t = await getTranslations("contracts");
  const base = `/a/${accountId}/billing/contracts`;
  return (
    <Card
      title={t("summary.title")}
      actions={
        <CardLink href={base} label={t("viewDetails")} card={t("summary.title")} testId="contracts-view-details" />
      }
    >
      {rows.length === 0 ? (
        <EmptyState compact icon="contracts" title={t("summary.emptyTitle")} body={t("summary.emptyBody")} />
      ) : (
        <ul className="divide-y divide-gray-100" data-testid="contracts-summary">
          {rows.map((r) => (
            <li key={r.id} className="flex items-center justify-between gap-3 py-2 text-sm">
              <Link href={`${base}/${r.id}`} className="min-w-0">
                <span className="block font-medium text-blue-700 hover:underline">{t(`kinds.${r.kind}`)}</span>
                <span className="block text-xs text-gray-600">
                  {r.number} · {r.terms.startsOn} – {r.terms.endsOn}
                </span>
              </Link>
              <ContractStatusBadge status={r.status} label={t(`statuses.${r.status}`)} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
