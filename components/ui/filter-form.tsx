import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { FilterLabel, Input, OptionsWithEmpty, SelectInput } from "@/components/ui/input";

/** The filter bar above a list: a GET form of FilterLabel controls, Filter and Reset, and an optional hint under them. */
export function FilterForm({ action, label, submit, reset, hint, children }: { action: string; label?: string; submit: string; reset?: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <form method="get" action={action} className="mb-4 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200" aria-label={label}>
      {children}
      <button type="submit" className={buttonClass("primary")}>
        {submit}
      </button>
      {reset && (
        <Link href={action} className={buttonClass("ghost")}>
          {reset}
        </Link>
      )}
      {hint && <p className="w-full text-xs text-gray-600">{hint}</p>}
    </form>
  );
}

/** A filter bar's select: "any" first (the empty value), then the options. */
export function FilterSelect({ label, name, value, any, options }: { label: string; name: string; value: string | undefined; any: string; options: { value: string; label: string }[] }) {
  return (
    <FilterLabel label={label}>
      <SelectInput fit="filter" name={name} defaultValue={value ?? ""}>
        <OptionsWithEmpty empty={any} options={options} />
      </SelectInput>
    </FilterLabel>
  );
}

/** A filter bar's from–to pair (dates or months), named `from` and `to`. */
export function FilterRange({ type, labels, from, to }: { type: "date" | "month"; labels: [string, string]; from: string | undefined; to: string | undefined }) {
  return (
    <>
      <FilterLabel label={labels[0]}>
        <Input fit="filter" type={type} name="from" defaultValue={from} />
      </FilterLabel>
      <FilterLabel label={labels[1]}>
        <Input fit="filter" type={type} name="to" defaultValue={to} />
      </FilterLabel>
    </>
  );
}
