import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { RowHeader, Table, Td } from "@/components/ui/table";
import { formatMoney, type MoneyLocale } from "@/lib/money";
import type { AccountVoucher } from "@/lib/vouchers/account-voucher";
import { productList, utcDateTime } from "./format";

/** One tab's vouchers: figures from the ledger, scope, validity, and a link to where each was spent. */
export async function VouchersTable({ accountId, rows, names, locale, caption }: { accountId: string; rows: AccountVoucher[]; names: Map<string, { en: string; zh: string }>; locale: MoneyLocale; caption: string }) {
  const t = await getTranslations("vouchers.page");
  const money = (v: bigint) => formatMoney(v, locale);
  const columns = [
    { label: t("columns.code") },
    { label: t("columns.faceValue"), numeric: true },
    { label: t("columns.remaining"), numeric: true },
    { label: t("columns.products") },
    { label: t("columns.validFrom") },
    { label: t("columns.validUntil") },
    { label: t("columns.spent") },
  ];
  return (
    <Table testId="vouchers-table" caption={caption} columns={columns}>
      {rows.map((v) => (
        <tr key={v.id} data-testid="voucher-row">
          <RowHeader nowrap mono>
            {v.codeHint ? `••••${v.codeHint}` : "—"}
            {v.expiringSoon && (
              <Badge pill tone="amber" className="ml-2 font-sans">
                {t("expiresSoon")}
              </Badge>
            )}
            {v.notYetValid && v.tab === "available" && (
              <Badge pill className="ml-2 font-sans">
                {t("notYetValid")}
              </Badge>
            )}
          </RowHeader>
          <Td numeric>{money(v.faceValue)}</Td>
          <Td numeric tone="strong">
            {money(v.remaining)}
          </Td>
          <Td className="min-w-48 max-w-xs">{productList(v.productIds, names, locale) ?? t("allProducts")}</Td>
          <Td nowrap>{utcDateTime(v.validFrom, locale)}</Td>
          <Td nowrap>{utcDateTime(v.validUntil, locale)}</Td>
          <Td nowrap>
            {v.uses === 0 ? (
              <span className="text-gray-600">{t("uses", { count: 0 })}</span>
            ) : (
              <Link href={`/a/${accountId}/billing/vouchers/${v.id}`} className="font-medium text-blue-700 hover:underline">
                {t("uses", { count: v.uses })} · {money(v.spent)}
              </Link>
            )}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
