import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { FilterLabel, Input, OptionsWithEmpty, SelectInput } from "@/components/ui/input";
import type { CostExplorerData } from "@/lib/billing/cost-explorer";
import { BILLING_MODES, COST_DIMENSIONS, COST_PRESETS, type CostView, costViewQuery } from "@/lib/billing/cost-view";
import type { Locale } from "@/lib/i18n/config";

function Select({ label, name, value, options, testId }: { label: string; name: string; value: string; options: { value: string; label: string }[]; testId: string }) {
  return (
    <FilterLabel label={label}>
      <SelectInput fit="filter" name={name} defaultValue={value} data-testid={testId}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </SelectInput>
    </FilterLabel>
  );
}

function AnySelect({ label, name, value, any, options, testId }: { label: string; name: string; value: string | undefined; any: string; options: { value: string; label: string }[]; testId: string }) {
  return (
    <FilterLabel label={label}>
      <SelectInput fit="filter" name={name} defaultValue={value ?? ""} data-testid={testId}>
        <OptionsWithEmpty empty={any} options={options} />
      </SelectInput>
    </FilterLabel>
  );
}

/**
 * The explorer's controls, a GET form so every view is a URL: period (presets or custom
 * days), daily or monthly, group by, and the filters; the net / gross switch beside it
 * keeps the rest of the view. Products and tags offered are those with spend in the range.
 */
export async function CostControls({ base, view, data, locale }: { base: string; view: CostView; data: CostExplorerData; locale: Locale }) {
  const t = await getTranslations("pages.costs");
  const tm = await getTranslations("invoices.modes");
  const regions = [...new Set(data.products.map((p) => p.region))].sort();
  const tagKeys = [...new Set(data.tagPairs.map((p) => p.key))];
  // A filter set in the URL stays offered even when the range has no spend for it.
  const products = data.products.map((p) => ({ value: p.id, label: locale === "zh-CN" ? p.nameZh : p.nameEn }));
  if (view.filters.product && !products.some((p) => p.value === view.filters.product)) products.push({ value: view.filters.product, label: view.filters.product });
  if (view.filters.region && !regions.includes(view.filters.region)) regions.push(view.filters.region);
  const pairs = data.tagPairs.map((p) => `${p.key}:${p.value}`);
  const tag = view.filters.tag ? `${view.filters.tag.key}:${view.filters.tag.value}` : undefined;
  if (tag && !pairs.includes(tag)) pairs.push(tag);
  const group = view.group.kind === "tag" ? `tag:${view.group.key}` : view.group.kind;
  if (view.group.kind === "tag" && !tagKeys.includes(view.group.key)) tagKeys.push(view.group.key);
  return (
    <div className="mb-4 space-y-3">
      <form method="get" action={base} className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200" aria-label={t("controls")} data-testid="cost-controls">
        <Select label={t("range")} name="range" value={view.preset} testId="cost-range" options={COST_PRESETS.map((p) => ({ value: p, label: t(`presets.${p}`) }))} />
        <FilterLabel label={t("from")}>
          <Input fit="filter" type="date" name="from" defaultValue={view.from} data-testid="cost-from" />
        </FilterLabel>
        <FilterLabel label={t("to")}>
          <Input fit="filter" type="date" name="to" defaultValue={view.to} data-testid="cost-to" />
        </FilterLabel>
        <Select label={t("granularity")} name="by" value={view.granularity} testId="cost-by" options={[{ value: "day", label: t("day") }, { value: "month", label: t("month") }]} />
        <Select
          label={t("groupBy")}
          name="group"
          value={group}
          testId="cost-group"
          options={[...COST_DIMENSIONS.map((d) => ({ value: d, label: t(`dimensions.${d}`) })), ...tagKeys.map((k) => ({ value: `tag:${k}`, label: t("tagKey", { key: k }) }))]}
        />
        <AnySelect label={t("dimensions.product")} name="product" value={view.filters.product} any={t("anyProduct")} options={products} testId="cost-product" />
        <AnySelect label={t("dimensions.region")} name="region" value={view.filters.region} any={t("anyRegion")} options={regions.map((r) => ({ value: r, label: r }))} testId="cost-region" />
        <AnySelect label={t("dimensions.mode")} name="mode" value={view.filters.mode} any={t("anyMode")} options={BILLING_MODES.map((m) => ({ value: m, label: tm(m) }))} testId="cost-mode" />
        <AnySelect label={t("tag")} name="tag" value={tag} any={t("anyTag")} options={pairs.map((p) => ({ value: p, label: p }))} testId="cost-tag" />
        {view.filters.resource && <input type="hidden" name="resource" value={view.filters.resource} />}
        <input type="hidden" name="amount" value={view.amount} />
        <button type="submit" className={buttonClass("primary")} data-testid="cost-apply">
          {t("apply")}
        </button>
        <Link href={base} className={buttonClass("ghost")}>
          {t("reset")}
        </Link>
        <p className="w-full text-xs text-gray-600">{t("rangeHint")}</p>
      </form>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="text-sm text-gray-700">
          {view.filters.resource && (
            <span className="inline-flex items-center gap-2 rounded-md bg-gray-100 px-2 py-1" data-testid="cost-resource-filter">
              {t("resourceFilter", { id: view.filters.resource })}
              <Link href={`${base}?${costViewQuery(view, { filters: { ...view.filters, resource: undefined } })}`} className="font-medium text-blue-700 hover:underline">
                {t("removeFilter")}
              </Link>
            </span>
          )}
        </div>
        <nav aria-label={t("amount")} className="inline-flex rounded-md ring-1 ring-gray-300" data-testid="cost-amount">
          {(["net", "gross"] as const).map((a) => (
            <Link
              key={a}
              href={`${base}?${costViewQuery(view, { amount: a })}`}
              aria-current={a === view.amount ? "page" : undefined}
              className={`px-3 py-1 text-sm font-medium first:rounded-l-md last:rounded-r-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 ${a === view.amount ? "bg-blue-700 text-white" : "text-gray-800 hover:bg-gray-50"}`}
              data-testid={`cost-amount-${a}`}
            >
              {t(a)}
            </Link>
          ))}
        </nav>
      </div>
      <p className="text-xs text-gray-600">{t("amountHint")}</p>
    </div>
  );
}
