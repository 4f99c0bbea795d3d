import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { CursorPagination } from "@/components/ui/pagination";
import { type UsageTableRow, UsageTable } from "./usage-table";

/** Links to the neighbouring pages of a keyset-paged list; null where there is none. */
export interface PageLinks {
  newest: string | null;
  newer: string | null;
  older: string | null;
}

/** A page of charges with newest / newer / older links; `count` is how many charges the filters match. */
export async function UsageList({ accountId, rows, count, links, empty }: { accountId: string; rows: UsageTableRow[]; count: number; links: PageLinks; empty: string }) {
  const t = await getTranslations("usage");
  if (rows.length === 0) return <EmptyState icon="transactions" title={empty} body={t("emptyBody")} />;
  const link = (href: string | null, text: string) => (href ? { href, text } : null);
  return (
    <>
      <UsageTable rows={rows} accountId={accountId} />
      <CursorPagination label={t("charges", { count })} navLabel={t("pages")} newest={link(links.newest, t("newest"))} newer={link(links.newer, t("newer"))} older={link(links.older, t("older"))} />
    </>
  );
}
