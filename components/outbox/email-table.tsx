import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Table, Td } from "@/components/ui/table";
import { StatusBadge } from "./status-badge";

/**
 * The outbox as a table, newest first. The subject links to the same page with ?id=,
 * which shows the email beside the list; `hrefFor` keeps the page's other filters.
 */
/** What the table shows of an email in the outbox. */
export type EmailRow = { id: string; to: string; subject: string; template: string; status: string; createdAt: Date; sentAt: Date | null; attempts: number; lastError: string | null };

export async function EmailTable({ emails, selectedId, hrefFor, showDelivery = true }: { emails: EmailRow[]; selectedId?: string; hrefFor: (id: string) => string; showDelivery?: boolean }) {
  const [t, format] = await Promise.all([getTranslations("mailbox"), getFormatter()]);
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "short", timeStyle: "short" }) : "—");
  // The last error, when there is one, is under the attempts count.
  const columns = [{ label: t("columns.to") }, { label: t("columns.subject") }, { label: t("columns.status") }, { label: t("columns.created") }, showDelivery && { label: t("columns.sent") }, showDelivery && { label: t("columns.attempts") }];
  return (
    <Table testId="email-table" caption={t("tableCaption")} density="compact" columns={columns}>
      {emails.map((e) => {
        const selected = e.id === selectedId;
        return (
          <tr key={e.id} className={selected ? "bg-blue-50" : "hover:bg-gray-50"}>
            <Td nowrap>{e.to}</Td>
            <Td className="min-w-48">
              <Link
                href={hrefFor(e.id)}
                scroll={false}
                aria-current={selected ? "true" : undefined}
                className="rounded font-medium text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
              >
                {e.subject}
              </Link>
              {/* The template under the subject: one column fewer, so delivery fits without scrolling. */}
              <span className="block font-mono text-xs text-gray-600">{e.template}</span>
            </Td>
            <Td nowrap>
              <StatusBadge status={e.status} label={t(`statuses.${e.status}`)} />
            </Td>
            <Td nowrap>{when(e.createdAt)}</Td>
            {showDelivery && (
              <>
                <Td nowrap>{when(e.sentAt)}</Td>
                <Td className="max-w-56">
                  <span className="tabular-nums">{e.attempts}</span>
                  {e.lastError && (
                    <span className="block truncate text-xs text-red-800" title={e.lastError}>
                      {e.lastError}
                    </span>
                  )}
                </Td>
              </>
            )}
          </tr>
        );
      })}
    </Table>
  );
}
