import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listAudit, listAuditActions } from "@/db/queries/staff-console";
import { requireStaffPage } from "@/lib/auth/guards";
import { auditQueryString, parseAuditQuery } from "@/lib/staff/audit-query";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff.audit"))("title") };
}

const PAGE = 50;

/** Short details inline; long ones folded, so one record stays one line until opened. */
function AuditData({ data, label }: { data: unknown; label: string }) {
  if (data === null || data === undefined) return "—";
  const json = JSON.stringify(data);
  if (json.length <= 60) return <span className="break-all">{json}</span>;
  return (
    <details>
      <summary className="cursor-pointer truncate" aria-label={label}>
        {json.slice(0, 60)}…
      </summary>
      <pre className="mt-1 whitespace-pre-wrap break-all">{JSON.stringify(data, null, 2)}</pre>
    </details>
  );
}
const input = "mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm text-gray-900 ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-blue-700";
const th = "px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-gray-600";

/** The append-only audit log, filtered by actor, account, action and period, newest first, with a CSV export of the same filter. */
export default async function StaffAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaffPage("staff.read");
  const { query, filters, before, badPeriod } = parseAuditQuery(await searchParams);
  const db = getDb();
  const [t, format, rows, actions] = await Promise.all([getTranslations("staff.audit"), getFormatter(), listAudit(db, { ...filters, limit: PAGE + 1, before }), listAuditActions(db)]);
  const page = rows.slice(0, PAGE);
  const more = rows.length > PAGE;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <a href={`/staff/audit/export${auditQueryString(query)}`} className={buttonClass("secondary")} data-testid="audit-export" download>
            {t("export")}
          </a>
        }
      />
      <form method="get" className="mb-4 grid gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200 sm:grid-cols-3 lg:grid-cols-6" aria-label={t("filters")}>
        <label className="text-sm font-medium text-gray-800 lg:col-span-2">
          {t("actor")}
          <input name="actor" defaultValue={query.actor ?? ""} placeholder={t("actorHint")} className={input} />
        </label>
        <label className="text-sm font-medium text-gray-800 lg:col-span-2">
          {t("account")}
          <input name="account" defaultValue={query.account ?? ""} placeholder={t("accountHint")} className={input} />
        </label>
        <label className="text-sm font-medium text-gray-800 lg:col-span-2">
          {t("action")}
          <select name="action" defaultValue={query.action ?? ""} className={input} data-testid="audit-action">
            <option value="">{t("anyAction")}</option>
            {[...new Set(actions.map((a) => `${a.split(".")[0]}.`))].map((p) => (
              <option key={p} value={p}>
                {t("actionGroup", { prefix: p })}
              </option>
            ))}
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-gray-800">
          {t("from")}
          <input type="date" name="from" defaultValue={query.from ?? ""} className={input} />
        </label>
        <label className="text-sm font-medium text-gray-800">
          {t("to")}
          <input type="date" name="to" defaultValue={query.to ?? ""} className={input} />
        </label>
        <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-4">
          <button type="submit" className={buttonClass("primary")}>
            {t("apply")}
          </button>
          <Link href="/staff/audit" className={buttonClass("ghost")}>
            {t("clear")}
          </Link>
        </div>
      </form>
      {badPeriod && <p className="mb-3 text-sm text-amber-900">{t("badPeriod")}</p>}
      {page.length === 0 ? (
        <EmptyState icon="transactions" title={t("empty")} />
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
          <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="audit-log">
            <caption className="sr-only">{t("title")}</caption>
            <thead className="bg-gray-50">
              <tr>
                <th scope="col" className={th}>{t("time")}</th>
                <th scope="col" className={th}>{t("actor")}</th>
                <th scope="col" className={th}>{t("account")}</th>
                <th scope="col" className={th}>{t("action")}</th>
                <th scope="col" className={th}>{t("reason")}</th>
                <th scope="col" className={th}>{t("data")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {page.map((r) => (
                <tr key={r.id.toString()} data-testid="audit-row" className="align-top">
                  <td className="whitespace-nowrap px-3 py-2 text-gray-700">{format.dateTime(r.at, { dateStyle: "medium", timeStyle: "medium" })}</td>
                  <td className="px-3 py-2 text-gray-900">
                    {r.actorEmail ?? t(`kinds.${r.actorKind as "system"}`)}
                    {r.actorEmail && <span className="block text-xs text-gray-600">{t(`kinds.${r.actorKind as "system"}`)}</span>}
                  </td>
                  <td className="px-3 py-2">
                    {r.accountId ? (
                      <Link href={`/staff/accounts/${r.accountId}`} className="text-blue-700 hover:underline">
                        {r.accountName ?? r.accountId}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs text-gray-900">
                    {r.action}
                    {r.targetType && (
                      <span className="block max-w-56 truncate text-gray-600" title={`${r.targetType} ${r.targetId ?? ""}`}>
                        {r.targetType} {r.targetId}
                      </span>
                    )}
                  </td>
                  <td className="max-w-xs px-3 py-2 text-gray-800">{r.reason ?? "—"}</td>
                  <td className="max-w-sm px-3 py-2 font-mono text-xs text-gray-700">
                    <AuditData data={r.data} label={t("data")} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more && (
        <p className="mt-3 text-sm">
          <Link href={`/staff/audit${auditQueryString(query, { before: page[page.length - 1]!.id.toString() })}`} className="font-medium text-blue-700 hover:underline" data-testid="audit-older">
            {t("older")} →
          </Link>
        </p>
      )}
    </>
  );
}
