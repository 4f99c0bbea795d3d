import Link from "next/link";
import type { ReactNode } from "react";

export function Card({ title, actions, children, className = "" }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`min-w-0 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200 sm:p-5 ${className}`}>
      {(title || actions) && (
        <header className="mb-4 flex items-center justify-between gap-4">
          {title && <h2 className="text-base font-semibold text-gray-900">{title}</h2>}
          {actions}
        </header>
      )}
      {children}
    </section>
  );
}

/**
 * A card's "View all" link for its header's actions. `card` is the card's title: a screen
 * reader's list of links hears "View all · Invoices", not three bare "View all".
 */
export function CardLink({ href, label, card, testId }: { href: string; label: string; card: string; testId?: string }) {
  return (
    <Link href={href} className="rounded text-sm font-medium text-blue-700 hover:text-blue-800 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700" data-testid={testId}>
      {label}
      <span className="sr-only"> · {card}</span>
    </Link>
  );
}

export function PageHeader({ title, description, actions }: { title: string; description?: string; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold text-gray-900">{title}</h1>
        {description && <p className="mt-1 text-sm text-gray-600">{description}</p>}
      </div>
      {actions}
    </div>
  );
}

/** A card holding a list: the list, or one line saying there is nothing. */
export function ListCard({ title, isEmpty, emptyText, children }: { title: string; isEmpty: boolean; emptyText: string; children: ReactNode }) {
  return <Card title={title}>{isEmpty ? <p className="text-sm text-gray-600">{emptyText}</p> : children}</Card>;
}
