import { buttonClass } from "@/components/ui/button";
import { FilterLabel, Input } from "@/components/ui/input";

/**
 * "Download ZIP": a GET form to the ZIP route, so the browser saves the streamed archive
 * itself (no script). The months default to the list's filter, else the last twelve.
 */
export function ZipDownloadForm({ action, from, to, labels }: { action: string; from: string; to: string; labels: { title: string; hint: string; from: string; to: string; submit: string } }) {
  return (
    <form method="get" action={action} className="mb-4 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200" aria-label={labels.title} data-testid="zip-form">
      <FilterLabel label={labels.from}>
        <Input fit="filter" type="month" name="from" defaultValue={from} required />
      </FilterLabel>
      <FilterLabel label={labels.to}>
        <Input fit="filter" type="month" name="to" defaultValue={to} required />
      </FilterLabel>
      <button type="submit" className={buttonClass("secondary")}>
        {labels.submit}
      </button>
      <p className="w-full text-xs text-gray-600">{labels.hint}</p>
    </form>
  );
}
