import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/**
 * Previous / next under a paged list, with "page x of y". `href(page)` builds the link to a
 * page, keeping the list's filters.
 */
export function Pagination({ page, pages, label, href, previous, next }: { page: number; pages: number; label: string; href: (page: number) => string; previous: string; next: string }) {
  return (
    <nav className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm text-gray-700" aria-label={label}>
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

/**
 * Newer / older under a list paged by a keyset (a position, not a page number): the newest
 * page has no "newer", the oldest no "older"; `label` says what the list holds.
 */
export function CursorPagination({ label, navLabel, newer, older, newest }: { label: string; navLabel: string; newer?: { href: string; text: string } | null; older?: { href: string; text: string } | null; newest?: { href: string; text: string } | null }) {
  return (
    <nav className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm text-gray-700" aria-label={navLabel}>
      <span>{label}</span>
      <span className="flex gap-2">
        {[newest, newer, older].map(
          (l) =>
            l && (
              <Link key={l.text} className={buttonClass("secondary")} href={l.href}>
                {l.text}
              </Link>
            ),
        )}
      </span>
    </nav>
  );
}
