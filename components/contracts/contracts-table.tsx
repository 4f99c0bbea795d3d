import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { listContracts } from "@/db/queries/contracts";
import { formatWallTime } from "@/lib/invoices/view-model";
import { ContractStatusBadge } from "./status-badge";

export const CONTRACT_STATUSES = ["draft", "submitted", "returned", "countersigned", "signed", "active", "expired", "terminated", "withdrawn"] as const;

/** Status filter as links (?status=…), so the filtered list has its own address. */
export async function StatusFilter({ base, current, counts }: { base: string; current?: string; counts?: Record<string, number> }) {
  const t = await getTranslations("contracts");
  const item = (status: string | undefined, label: string) => (
    <Link
      key={status ?? "all"}
      href={status ? `${base}?status=${status}` : base}
      aria-current={current === status ? "page" : undefined}
      className={`rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${current === status ? "bg-blue-700 text-white ring-blue-700" : "bg-white text-gray-800 ring-gray-300 hover:bg-gray-50"}`}
      data-testid={`filter-${status ?? "all"}`}
    >
      {label}
      {status && counts?.[status] ? ` · ${counts[status]}` : ""}
    </Link>
  );
  return (
    <nav aria-label={t("filterLabel")} className="mb-4 flex flex-wrap gap-2">
      {item(undefined, t("allStatuses"))}
      {CONTRACT_STATUSES.map((s) => item(s, t(`statuses.${s}`)))}
    </nav>
  );
}

export async function ContractsTable({ rows, hrefOf, showAccount = false }: { rows: Awaited<ReturnType<typeof listContracts>>; hrefOf: (r: { id: string; accountId: string }) => string; showAccount?: boolean }) {
  const t = await getTranslations("contracts");
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
      <table className="min-w-full text-left text-sm" data-testid="contracts-table">
        <thead className="bg-gray-50 text-xs uppercase tracking-wide text-gray-600">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">{t("number")}</th>
            {showAccount && <th scope="col" className="px-4 py-3 font-medium">{t("account")}</th>}
            <th scope="col" className="px-4 py-3 font-medium">{t("kind")}</th>
            <th scope="col" className="px-4 py-3 font-medium">{t("status")}</th>
            <th scope="col" className="px-4 py-3 font-medium">{t("term")}</th>
            <th scope="col" className="px-4 py-3 font-medium">{t("updated")}</th>
            <th scope="col" className="px-4 py-3 text-right font-medium">{t("actions")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-200">
          {rows.map((r) => (
            <tr key={r.id} data-testid="contract-row" data-number={r.number} data-status={r.status}>
              <td className="whitespace-nowrap px-4 py-3 font-medium">
                <Link href={hrefOf(r)} className="text-blue-700 hover:underline">
                  {r.number}
                </Link>
              </td>
              {showAccount && <td className="px-4 py-3 text-gray-800">{r.accountName}</td>}
              <td className="whitespace-nowrap px-4 py-3 text-gray-800">{t(`kinds.${r.kind}`)}</td>
              <td className="whitespace-nowrap px-4 py-3">
                <ContractStatusBadge status={r.status} label={t(`statuses.${r.status}`)} />
              </td>
              <td className="whitespace-nowrap px-4 py-3 tabular-nums text-gray-700">
                {r.terms.startsOn} – {r.terms.endsOn}
              </td>
              <td className="whitespace-nowrap px-4 py-3 tabular-nums text-gray-700">{formatWallTime(r.updatedAt, false)}</td>
              <td className="whitespace-nowrap px-4 py-3 text-right">
                <Link href={hrefOf(r)} className="font-medium text-blue-700 hover:underline">
                  {t("viewDetails")}
                  <span className="sr-only"> {r.number}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
