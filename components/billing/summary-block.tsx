import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

/** An overview block (vouchers, invoices, contracts) with a link to its page. */
export function SummaryBlock({ title, href, linkLabel, icon, emptyTitle, emptyBody }: { title: string; href: string; linkLabel: string; icon: string; emptyTitle: string; emptyBody: string }) {
  return (
    <Card
      title={title}
      actions={
        <Link href={href} className="rounded text-sm font-medium text-blue-700 hover:text-blue-800 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700">
          {linkLabel}
          <span className="sr-only"> · {title}</span>
        </Link>
      }
    >
      <EmptyState compact icon={icon} title={emptyTitle} body={emptyBody} />
    </Card>
  );
}
