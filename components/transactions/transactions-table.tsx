import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DateTime } from "@/components/ui/date-time";
import { Money } from "@/components/ui/money";
import { Table, Td } from "@/components/ui/table";

/** What the table shows of a ledger movement. */
export type MovementRow = { id: string; createdAt: Date; type: string; description: string; amount: bigint; balanceAfter: bigint | null; frozenAmount: bigint; orderNo: string | null; resourceId: string | null; chargesHref?: string | null };

/** A movement's amounts, signed and coloured: money in is green, money out stays dark. */
export async function TransactionsTable({ rows }: { rows: MovementRow[] }) {
  const [t, tu] = await Promise.all([getTranslations("pages.transactions"), getTranslations("usage")]);
  const typeLabel = (type: string) => (t.has(`types.${type}`) ? t(`types.${type}` as "types.usage") : type);
  const columns = [{ label: t("time") }, { label: t("type") }, { label: t("descriptionColumn") }, { label: t("amount"), numeric: true }, { label: t("balanceAfter"), numeric: true }, { label: t("frozenChange"), numeric: true }];
  return (
    <Table columns={columns} testId="transactions-table">
      {rows.map((r) => (
        <tr key={r.id} data-testid="transaction-row">
          <Td nowrap>
            <DateTime value={r.createdAt} utc />
          </Td>
          <Td nowrap tone="strong">
            {typeLabel(r.type)}
          </Td>
          <Td>
            {r.description}
            {(r.orderNo || r.resourceId) && <span className="block text-xs text-gray-600">{[r.orderNo, r.resourceId].filter(Boolean).join(" · ")}</span>}
            {r.chargesHref && (
              <Link href={r.chargesHref} className="block text-xs font-medium text-blue-700 underline-offset-2 hover:underline" data-testid="transaction-charges">
                {tu("viewCharges")}
              </Link>
            )}
          </Td>
          <Td numeric tone="none" className={`font-medium ${r.amount > 0n ? "text-emerald-700" : "text-gray-900"}`}>
            <Money value={r.amount} dash signed />
          </Td>
          <Td numeric data-testid="balance-after">
            {r.balanceAfter === null ? "—" : <Money value={r.balanceAfter} />}
          </Td>
          <Td numeric>
            <Money value={r.frozenAmount} dash signed />
          </Td>
        </tr>
      ))}
    </Table>
  );
}
