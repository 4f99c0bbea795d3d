/** A resource's tags as read-only chips, `key: value`, in key order. */
export function TagChips({ tags, none }: { tags: Record<string, string>; none: string }) {
  const entries = Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return <span className="text-gray-600">{none}</span>;
  return (
    <ul className="flex flex-wrap gap-1.5" data-testid="resource-tags">
      {entries.map(([k, v]) => (
        <li key={k} className="rounded-full bg-gray-100 px-2.5 py-0.5 text-xs text-gray-800 ring-1 ring-gray-200">
          <span className="font-medium">{k}</span>
          {v !== "" && <>: {v}</>}
        </li>
      ))}
    </ul>
  );
}
