import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { OutboxSummary } from "@/db/queries/outbox";
import { StatusBadge } from "./status-badge";

/**
 * The outbox as a table, newest first. The subject links to the same page with ?id=,
 * which shows the email beside the list; `hrefFor` keeps the page's other filters.
 */
export async function EmailTable({ emails, selectedId, hrefFor, showDelivery = true }: { emails: OutboxSummary[]; selectedId?: string; hrefFor: (id: string) => string; showDelivery?: boolean }) {
  const [t, format] = await Promise.all([getTranslations("mailbox"), getFormatter()]);
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "short", timeStyle: "short" }) : "—");
  const th = "whitespace-nowrap px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-gray-600";
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
      <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="email-table">
        <caption className="sr-only">{t("tableCaption")}</caption>
        <thead className="bg-gray-50">
          <tr>
            <th scope="col" className={th}>{t("columns.to")}</th>
            <th scope="col" className={th}>{t("columns.subject")}</th>
            <th scope="col" className={th}>{t("columns.status")}</th>
            <th scope="col" className={th}>{t("columns.created")}</th>
            {showDelivery && (
              <>
                <th scope="col" className={th}>{t("columns.sent")}</th>
                {/* The last error, when there is one, is under the count. */}
                <th scope="col" className={th}>{t("columns.attempts")}</th>
              </>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {emails.map((e) => {
            const selected = e.id === selectedId;
            return (
              <tr key={e.id} className={selected ? "bg-blue-50" : "hover:bg-gray-50"}>
                <td className="whitespace-nowrap px-3 py-2.5 text-gray-900">{e.to}</td>
                <td className="min-w-48 px-3 py-2.5">
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
                </td>
                <td className="whitespace-nowrap px-3 py-2.5">
                  <StatusBadge status={e.status} label={t(`statuses.${e.status}`)} />
                </td>
                <td className="whitespace-nowrap px-3 py-2.5 text-gray-700">{when(e.createdAt)}</td>
                {showDelivery && (
                  <>
                    <td className="whitespace-nowrap px-3 py-2.5 text-gray-700">{when(e.sentAt)}</td>
                    <td className="max-w-56 px-3 py-2.5 text-gray-700">
                      <span className="tabular-nums">{e.attempts}</span>
                      {e.lastError && (
                        <span className="block truncate text-xs text-red-800" title={e.lastError}>
                          {e.lastError}
                        </span>
                      )}
                    </td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
