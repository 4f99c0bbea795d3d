import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Money } from "@/components/ui/money";
import { Table, Td } from "@/components/ui/table";
import { usageLabels } from "@/lib/billing/usage-labels";
import type { ChargeUsage } from "@/lib/billing/usage-units";
import { floorTo, nextBoundary } from "@/lib/billing/time";
import type { Locale } from "@/lib/i18n/config";

/** What the table shows of a charge. */
export type UsageTableRow = ChargeUsage & {
  id: string;
  resourceId: string;
  resourceName: string;
  nameEn: string;
  nameZh: string;
  region: string;
  dataCenter: string;
  unitLabel: string;
  unitPrice: bigint;
  gross: bigint;
  discount: bigint;
  voucherPaid: bigint;
  net: bigint;
};

/**
 * Charges as the usage detail and a resource's page list them: each increment's resource,
 * product and place, its usage in the product's unit, unit price and the money, the
 * discount and voucher as deductions from gross down to what the account paid.
 */
export async function UsageTable({ rows, accountId }: { rows: UsageTableRow[]; accountId: string }) {
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getLocale() as Promise<Locale>]);
  const zh = locale === "zh-CN";
  const labels = usageLabels(locale);
  const c = (k: "resource" | "product" | "period" | "usage" | "unitPrice" | "gross" | "discount" | "voucher" | "net") => t(`usage.col.${k}`);
  const columns = [
    { label: c("resource") },
    { label: c("product") },
    { label: c("period") },
    { label: c("usage"), numeric: true },
    { label: c("unitPrice"), numeric: true },
    { label: c("gross"), numeric: true },
    { label: c("discount"), numeric: true },
    { label: c("voucher"), numeric: true },
    { label: c("net"), numeric: true },
  ];
  return (
    <Table columns={columns} testId="usage-table" density="compact" caption={t("usage.title")}>
      {rows.map((r) => (
        <tr key={r.id} data-testid="usage-row">
          <Td tone="strong" nowrap>
            <Link href={`/a/${accountId}/resources/${r.resourceId}`} className="text-blue-700 underline-offset-2 hover:underline">
              {r.resourceName}
            </Link>
          </Td>
          <Td className="min-w-56">
            <span data-testid="usage-product">{zh ? r.nameZh : r.nameEn}</span>
            <span className="block text-xs text-gray-600">
              {r.region} / {r.dataCenter} · {labels.mode(r.billingMode)}
            </span>
          </Td>
          <Td nowrap>
            <time dateTime={r.periodStart.toISOString()}>
              {wholeDay(r) ? format.dateTime(r.periodStart, { dateStyle: "medium" }) : format.dateTimeRange(r.periodStart, r.periodEnd, { dateStyle: "medium", timeStyle: "short" })}
            </time>
          </Td>
          <Td numeric nowrap>
            {labels.text(r)}
          </Td>
          <Td numeric>
            <Money value={r.unitPrice} exact={r.unitPrice % 10_000n !== 0n} />
          </Td>
          <Td numeric>
            <Money value={r.gross} />
          </Td>
          <Td numeric>
            <Money value={-r.discount} dash />
          </Td>
          <Td numeric>
            <Money value={-r.voucherPaid} dash />
          </Td>
          <Td numeric tone="strong" data-testid="usage-net">
            <Money value={r.net} />
          </Td>
        </tr>
      ))}
    </Table>
  );
}

/** A daily increment of a whole day reads as its date alone; a part of a day, or an hour, as its range. */
function wholeDay(r: UsageTableRow): boolean {
  return r.billingMode === "payg_daily" && floorTo(r.periodStart, "day").getTime() === r.periodStart.getTime() && nextBoundary(r.periodStart, "day").getTime() === r.periodEnd.getTime();
}
