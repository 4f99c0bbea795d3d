import { NavIcon } from "@/components/shell/icons";

/** What a list or block shows when it has nothing yet: an icon, a title and what will appear here. */
export function EmptyState({ icon, title, body, compact = false }: { icon: string; title: string; body?: string; compact?: boolean }) {
  return (
    <div className={`flex flex-col items-center rounded-lg border border-dashed border-gray-300 bg-white text-center ${compact ? "px-4 py-6" : "px-6 py-14"}`}>
      <span className={`flex items-center justify-center rounded-full bg-gray-100 text-gray-600 ${compact ? "size-9" : "size-12"}`}>
        <NavIcon name={icon} className={compact ? "size-5" : "size-6"} />
      </span>
      <p className={`mt-3 font-medium text-gray-900 ${compact ? "text-sm" : ""}`}>{title}</p>
      {body && <p className="mt-1 max-w-md text-sm text-gray-600">{body}</p>}
    </div>
  );
}
