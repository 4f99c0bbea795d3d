import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { RowHeader, Table, Td } from "@/components/ui/table";
import type { CostAmounts } from "@/lib/billing/cost-explorer";
import { amountOf, type NamedGroup } from "@/lib/billing/cost-explorer-model";
import { type CostView, costViewQuery } from "@/lib/billing/cost-view";
import type { Locale } from "@/lib/i18n/config";
import { formatMoney } from "@/lib/money";

/**
 * The chart's figures as a table: a row per day or month, a column per group (each header
 * a link to the view of that group alone), and the totals of each, which are the chart's.
 */
export async function CostTable({ base, view, groups, periods, total, locale }: { base: string; view: CostView; groups: NamedGroup[]; periods: { key: string; title: string }[]; total: CostAmounts; locale: Locale }) {
  const t = await getTranslations("pages.costs");
  const money = (v: bigint) => formatMoney(v, locale);
  const periodTotal = (key: string) => groups.reduce((s, g) => s + amountOf(g.row.periods.get(key), view), 0n);
  const columns = [
    { key: "period", label: t("period") },
    ...groups.map((g, i) => ({
      key: `g${i}`,
      numeric: true,
      label: g.only ? (
        <Link href={`${base}?${costViewQuery(view, { filters: g.only })}`} className="normal-case tracking-normal text-blue-700 hover:underline" title={t("only", { name: g.name })} data-testid="cost-group-link">
          {g.name}
        </Link>
      ) : (
        <span className="normal-case tracking-normal">{g.name}</span>
      ),
    })),
    { key: "total", label: t("total"), numeric: true },
  ];
  return (
    <Table testId="cost-table" caption={t("tableCaption")} columns={columns} density="compact" empty={t("empty")}>
      {groups.length === 0
        ? []
        : [
            ...periods.map((p) => (
              <tr key={p.key} data-testid="cost-row" data-period={p.key}>
                <RowHeader nowrap>{p.title}</RowHeader>
                {groups.map((g, i) => (
                  <Td key={i} numeric nowrap>
                    {money(amountOf(g.row.periods.get(p.key), view))}
                  </Td>
                ))}
                <Td numeric nowrap tone="strong">
                  {money(periodTotal(p.key))}
                </Td>
              </tr>
            )),
            <tr key="total" data-testid="cost-total-row" className="border-t-2 border-gray-300">
              <RowHeader>{t("total")}</RowHeader>
              {groups.map((g, i) => (
                <Td key={i} numeric nowrap tone="strong">
                  {money(amountOf(g.row.total, view))}
                </Td>
              ))}
              <Td numeric nowrap tone="strong" data-testid="cost-total">
                {money(amountOf(total, view))}
              </Td>
            </tr>,
          ]}
    </Table>
  );
}
