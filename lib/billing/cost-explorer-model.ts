import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translator";
import { roundHalfEvenToCents } from "@/lib/money";
import type { CostAmounts, CostExplorerData, CostGroupRow } from "./cost-explorer";
import { type CostFilters, type CostView, periodsOf } from "./cost-view";

/** One group as the chart, the table and the CSV name it, with the filter that shows only it. */
export interface NamedGroup {
  row: CostGroupRow;
  name: string;
  /** The view's filters narrowed to this group; none for Other. */
  only?: CostFilters;
}

/** The groups' names in `locale`: product names in the reader's language, regions with their data centres. */
export function nameGroups(data: CostExplorerData, view: CostView, locale: Locale): NamedGroup[] {
  const t = translator(locale);
  const products = new Map(data.products.map((p) => [p.id, p]));
  const centres = new Map<string, Set<string>>();
  for (const p of data.products) centres.set(p.region, (centres.get(p.region) ?? new Set()).add(p.dataCenter));
  const others = data.groups.length - 1;
  return data.groups.map((row): NamedGroup => {
    const k = row.key;
    if (row.other) return { row, name: t("pages.costs.other", { count: others }) };
    const f = view.filters;
    switch (view.group.kind) {
      case "product": {
        const p = products.get(k ?? "");
        return { row, name: p ? (locale === "zh-CN" ? p.nameZh : p.nameEn) : (k ?? ""), only: { ...f, product: k ?? undefined } };
      }
      case "region":
        return { row, name: `${k} (${[...(centres.get(k ?? "") ?? [])].sort().join(", ")})`, only: { ...f, region: k ?? undefined } };
      case "mode":
        return { row, name: t(`invoices.modes.${k as "payg_hourly"}`), only: { ...f, mode: (k ?? undefined) as CostFilters["mode"] } };
      case "resource":
        return { row, name: k === null ? t("pages.costs.noResource") : (row.name ?? k), only: k === null ? undefined : { ...f, resource: k } };
      case "tag": {
        const key = view.group.key;
        if (k === null) return { row, name: t("pages.costs.untagged", { key }) };
        return { row, name: k === "" ? t("pages.costs.emptyValue") : k, only: { ...f, tag: { key, value: k } } };
      }
    }
  });
}

export const amountOf = (a: CostAmounts | undefined, view: CostView): bigint => (a ? (view.amount === "gross" ? a.gross : a.net) : 0n);
/** Whole cents, only to size the chart's bars (every figure shown is formatted from micro-dollars). */
export const barCents = (micros: bigint): number => Number(roundHalfEvenToCents(micros) / 10_000n);

/** The bars' periods with their axis label and hover title, in the reader's language and the platform's calendar. */
export function labelPeriods(view: CostView, locale: Locale): { key: string; label: string; title: string }[] {
  const month = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", timeZone: "UTC" });
  const short = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" });
  const long = new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", day: "numeric", weekday: "short", timeZone: "UTC" });
  const longMonth = new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: "UTC" });
  return periodsOf(view).map((key) => {
    const d = new Date(view.granularity === "month" ? `${key}-01T00:00:00Z` : `${key}T00:00:00Z`);
    return view.granularity === "month" ? { key, label: month.format(d), title: longMonth.format(d) } : { key, label: short.format(d), title: long.format(d) };
  });
}

/** "December 2026" in the reader's language, for a "YYYY-MM" month. */
export function monthName(month: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`));
}
