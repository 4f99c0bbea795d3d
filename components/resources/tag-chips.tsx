import type { Tags } from "@/lib/billing/tags";
import { normalizeTags } from "@/lib/billing/tags";

/** How many chips a row shows before "+N": a resource may carry 20. */
const SHOWN = 3;

const text = (k: string, v: string) => (v ? `${k}: ${v}` : k);

/**
 * A resource's tags as chips, in key order: the first few, each cut to its width with the
 * whole tag in its title, then "+N more" whose title lists the rest. Nothing when there are none.
 */
export function TagChips({ tags, label, more }: { tags: Tags; label: string; more: (count: number) => string }) {
  const all = Object.entries(normalizeTags(tags));
  if (!all.length) return null;
  const rest = all.slice(SHOWN);
  return (
    <ul aria-label={label} className="mt-1 flex max-w-xs flex-wrap gap-1" data-testid="resource-tags">
      {all.slice(0, SHOWN).map(([k, v]) => (
        <li key={k} title={text(k, v)} className="max-w-[11rem] truncate rounded-md bg-indigo-50 px-1.5 py-0.5 font-mono text-xs font-normal text-indigo-800 ring-1 ring-inset ring-indigo-600/20" data-testid="resource-tag">
          {text(k, v)}
        </li>
      ))}
      {rest.length > 0 && (
        <li title={rest.map(([k, v]) => text(k, v)).join("\n")} className="rounded-md px-1 py-0.5 text-xs font-normal text-gray-600">
          {more(rest.length)}
        </li>
      )}
    </ul>
  );
}
