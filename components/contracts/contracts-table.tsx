import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Table, Td } from "@/components/ui/table";
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

/** What the table shows of a contract. */
export type ContractRow = { id: string; accountId: string; accountName: string; number: string; kind: string; status: string; terms: { startsOn: string; endsOn: string }; updatedAt: Date };

export async function ContractsTable({ rows, hrefOf, showAccount = false }: { rows: ContractRow[]; hrefOf: (r: { id: string; accountId: string }) => string; showAccount?: boolean }) {
  const t = await getTranslations("contracts");
  const columns = [{ label: t("number") }, showAccount && { label: t("account") }, { label: t("kind") }, { label: t("status") }, { label: t("term") }, { label: t("updated") }, { label: t("actions"), numeric: true }];
  return (
    <Table testId="contracts-table" columns={columns}>
      {rows.map((r) => (
        <tr key={r.id} data-testid="contract-row" data-number={r.number} data-status={r.status}>
          <Td nowrap className="font-medium">
            <Link href={hrefOf(r)} className="text-blue-700 hover:underline">
              {r.number}
            </Link>
          </Td>
          {showAccount && <Td>{r.accountName}</Td>}
          <Td nowrap>{t(`kinds.${r.kind}`)}</Td>
          <Td nowrap>
            <ContractStatusBadge status={r.status} label={t(`statuses.${r.status}`)} />
          </Td>
          <Td nowrap className="tabular-nums">
            {r.terms.startsOn} – {r.terms.endsOn}
          </Td>
          <Td nowrap className="tabular-nums">
            {formatWallTime(r.updatedAt, false)}
          </Td>
          <Td numeric>
            <Link href={hrefOf(r)} className="font-medium text-blue-700 hover:underline">
              {t("viewDetails")}
              <span className="sr-only"> {r.number}</span>
            </Link>
          </Td>
        </tr>
      ))}
    </Table>
  );
}
