import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/**
 * Previous / next under a paged list, with "page x of y". `href(page)` builds the link to a
 * page, keeping the list's filters.
 */
export function Pagination({ page, pages, label, href, previous, next }: { page: number; pages: number; label: string; href: (page: number) => string; previous: string; next: string }) {
  return (
    <nav className="mt-4 flex items-center justify-between text-sm text-gray-700" aria-label={label}>
      <span>{label}</span>
      <span className="flex gap-2">
        {page > 1 && (
          <Link className={buttonClass("secondary")} href={href(page - 1)}>
            {previous}
          </Link>
        )}
        {page < pages && (
          <Link className={buttonClass("secondary")} href={href(page + 1)}>
            {next}
          </Link>
        )}
      </span>
    </nav>
  );
}

/** The query string of a list's page: its filters (empty ones dropped) and the extra keys. */
export function listQuery(filters: Record<string, string | number | undefined>, extra: Record<string, string | number | undefined> = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v !== undefined && v !== "") p.set(k, String(v));
  return p.toString();
}
