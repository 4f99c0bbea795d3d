import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { LedgerMovement } from "@/db/queries/transactions";
import { formatMoney, type MoneyLocale } from "@/lib/money";

/** A movement's amounts, signed and coloured: money in is green, money out stays dark. */
export async function TransactionsTable({ rows }: { rows: LedgerMovement[] }) {
  const t = await getTranslations("pages.transactions");
  const locale = (await getLocale()) as MoneyLocale;
  const format = await getFormatter();
  const typeLabel = (type: string) => (t.has(`types.${type}`) ? t(`types.${type}` as "types.usage") : type);
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
      <table className="min-w-full text-left text-sm" data-testid="transactions-table">
        <thead className="bg-gray-50 text-xs uppercase tracking-wide text-gray-600">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">{t("time")}</th>
            <th scope="col" className="px-4 py-3 font-medium">{t("type")}</th>
            <th scope="col" className="px-4 py-3 font-medium">{t("descriptionColumn")}</th>
            <th scope="col" className="px-4 py-3 text-right font-medium">{t("amount")}</th>
            <th scope="col" className="px-4 py-3 text-right font-medium">{t("balanceAfter")}</th>
            <th scope="col" className="px-4 py-3 text-right font-medium">{t("frozenChange")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-200">
          {rows.map((r) => (
            <tr key={r.id} data-testid="transaction-row">
              <td className="whitespace-nowrap px-4 py-3 text-gray-700">
                <time dateTime={r.createdAt.toISOString()}>{format.dateTime(r.createdAt, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })}</time>
              </td>
              <td className="whitespace-nowrap px-4 py-3 font-medium text-gray-900">{typeLabel(r.type)}</td>
              <td className="px-4 py-3 text-gray-700">
                {r.description}
                {(r.orderNo || r.resourceId) && <span className="block text-xs text-gray-600">{[r.orderNo, r.resourceId].filter(Boolean).join(" · ")}</span>}
              </td>
              <td className={`whitespace-nowrap px-4 py-3 text-right font-medium tabular-nums ${r.amount > 0n ? "text-emerald-700" : "text-gray-900"}`}>
                {r.amount === 0n ? "—" : formatMoney(r.amount, locale, { signed: true })}
              </td>
              <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums text-gray-700" data-testid="balance-after">{r.balanceAfter === null ? "—" : formatMoney(r.balanceAfter, locale)}</td>
              <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums text-gray-700">{r.frozenAmount === 0n ? "—" : formatMoney(r.frozenAmount, locale, { signed: true })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
