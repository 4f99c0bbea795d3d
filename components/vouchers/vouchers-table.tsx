import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { AccountVoucher } from "@/db/queries/vouchers";
import { formatMoney, type MoneyLocale } from "@/lib/money";
import { productList, utcDateTime } from "./format";

const th = "px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-gray-600";
const td = "px-4 py-3 text-gray-800";

/** One tab's vouchers: figures from the ledger, scope, validity, and a link to where each was spent. */
export async function VouchersTable({ accountId, rows, names, locale, caption }: { accountId: string; rows: AccountVoucher[]; names: Map<string, { en: string; zh: string }>; locale: MoneyLocale; caption: string }) {
  const t = await getTranslations("vouchers.page");
  const money = (v: bigint) => formatMoney(v, locale);
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
      <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="vouchers-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-gray-50">
          <tr>
            <th scope="col" className={th}>{t("columns.code")}</th>
            <th scope="col" className={`${th} text-right`}>{t("columns.faceValue")}</th>
            <th scope="col" className={`${th} text-right`}>{t("columns.remaining")}</th>
            <th scope="col" className={th}>{t("columns.products")}</th>
            <th scope="col" className={th}>{t("columns.validFrom")}</th>
            <th scope="col" className={th}>{t("columns.validUntil")}</th>
            <th scope="col" className={th}>{t("columns.spent")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {rows.map((v) => (
            <tr key={v.id} data-testid="voucher-row">
              <th scope="row" className="whitespace-nowrap px-4 py-3 text-left font-mono text-xs font-medium text-gray-900">
                {v.codeHint ? `••••${v.codeHint}` : "—"}
                {v.expiringSoon && <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 font-sans text-xs font-medium text-amber-900">{t("expiresSoon")}</span>}
                {v.notYetValid && v.tab === "available" && <span className="ml-2 rounded-full bg-gray-100 px-2 py-0.5 font-sans text-xs font-medium text-gray-700">{t("notYetValid")}</span>}
              </th>
              <td className={`${td} text-right tabular-nums`}>{money(v.faceValue)}</td>
              <td className={`${td} text-right font-medium tabular-nums text-gray-900`}>{money(v.remaining)}</td>
              <td className={`${td} min-w-48 max-w-xs`}>{productList(v.productIds, names, locale) ?? t("allProducts")}</td>
              <td className={`${td} whitespace-nowrap`}>{utcDateTime(v.validFrom, locale)}</td>
              <td className={`${td} whitespace-nowrap`}>{utcDateTime(v.validUntil, locale)}</td>
              <td className={`${td} whitespace-nowrap`}>
                {v.uses === 0 ? (
                  <span className="text-gray-600">{t("uses", { count: 0 })}</span>
                ) : (
                  <Link href={`/a/${accountId}/billing/vouchers/${v.id}`} className="font-medium text-blue-700 hover:underline">
                    {t("uses", { count: v.uses })} · {money(v.spent)}
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
