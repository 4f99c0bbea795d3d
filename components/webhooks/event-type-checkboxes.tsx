"use client";
import { EVENT_TYPES } from "@/lib/events/types";

/** One checkbox per event type of the catalogue, named eventTypes. */
export function EventTypeCheckboxes({ legend, hint, checked, error }: { legend: string; hint: string; checked: readonly string[]; error?: string }) {
  return (
    <fieldset className="space-y-2" aria-invalid={!!error}>
      <legend className="text-sm font-medium text-gray-800">{legend}</legend>
      <p className="text-xs text-gray-600">{hint}</p>
      <div className="grid grid-cols-[repeat(auto-fill,minmax(14rem,1fr))] gap-x-6 gap-y-1">
        {EVENT_TYPES.map((type) => (
          <label key={type} className="flex items-center gap-2 font-mono text-xs text-gray-900">
            <input type="checkbox" name="eventTypes" value={type} defaultChecked={checked.includes(type)} className="size-4" />
            {type}
          </label>
        ))}
      </div>
      {error && <p className="text-xs text-red-700">{error}</p>}
    </fieldset>
  );
}
