import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { Input, SelectInput } from "@/components/ui/input";
import { Table, Td } from "@/components/ui/table";
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
type Translate = Awaited<ReturnType<typeof getTranslations<"staff.audit">>>;

/** The append-only audit log, filtered by actor, account, action and period, newest first, with a CSV export of the same filter. */
export default async function StaffAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaffPage("staff.read");
  const { query, filters, before, badPeriod } = parseAuditQuery(await searchParams);
  const db = getDb();
  const [t, rows, actions] = await Promise.all([getTranslations("staff.audit"), listAudit(db, { ...filters, limit: PAGE + 1, before }), listAuditActions(db)]);
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
          <Input fit="block" className="mt-1" name="actor" defaultValue={query.actor ?? ""} placeholder={t("actorHint")} />
        </label>
        <label className="text-sm font-medium text-gray-800 lg:col-span-2">
          {t("account")}
          <Input fit="block" className="mt-1" name="account" defaultValue={query.account ?? ""} placeholder={t("accountHint")} />
        </label>
        <label className="text-sm font-medium text-gray-800 lg:col-span-2">
          {t("action")}
          <SelectInput fit="block" className="mt-1" name="action" defaultValue={query.action ?? ""} data-testid="audit-action">
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
          </SelectInput>
        </label>
        <label className="text-sm font-medium text-gray-800">
          {t("from")}
          <Input fit="block" className="mt-1" type="date" name="from" defaultValue={query.from ?? ""} />
        </label>
        <label className="text-sm font-medium text-gray-800">
          {t("to")}
          <Input fit="block" className="mt-1" type="date" name="to" defaultValue={query.to ?? ""} />
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
        <AuditTable t={t} rows={page} />
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

function AuditTable({ t, rows }: { t: Translate; rows: Awaited<ReturnType<typeof listAudit>> }) {
  return (
    <Table testId="audit-log" caption={t("title")} density="compact" columns={[{ label: t("time") }, { label: t("actor") }, { label: t("account") }, { label: t("action") }, { label: t("reason") }, { label: t("data") }]}>
      {rows.map((r) => (
        <tr key={r.id.toString()} data-testid="audit-row" className="align-top">
          <Td nowrap>
            <DateTime value={r.at} show="seconds" />
          </Td>
          <Td>
            {r.actorEmail ?? t(`kinds.${r.actorKind as "system"}`)}
            {r.actorEmail && <span className="block text-xs text-gray-600">{t(`kinds.${r.actorKind as "system"}`)}</span>}
          </Td>
          <Td>
            {r.accountId ? (
              <Link href={`/staff/accounts/${r.accountId}`} className="text-blue-700 hover:underline">
                {r.accountName ?? r.accountId}
              </Link>
            ) : (
              "—"
            )}
          </Td>
          <Td mono>
            {r.action}
            {r.targetType && (
              <span className="block max-w-56 truncate text-gray-600" title={`${r.targetType} ${r.targetId ?? ""}`}>
                {r.targetType} {r.targetId}
              </span>
            )}
          </Td>
          <Td className="max-w-xs">{r.reason ?? "—"}</Td>
          <Td mono className="max-w-sm">
            <AuditData data={r.data} label={t("data")} />
          </Td>
        </tr>
      ))}
    </Table>
  );
}
