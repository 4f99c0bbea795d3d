import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { RunJobButton } from "@/components/staff/run-job-button";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { latestRunAccountFailures } from "@/db/queries/job-run-failures";
import { jobHeartbeatsByName, jobRunSummary } from "@/db/queries/staff-console";
import { requireStaffPage } from "@/lib/auth/guards";
import { staffCan } from "@/lib/auth/permissions";
import { clockNow } from "@/lib/clock";
import { nextRun, SCHEDULED_JOBS } from "@/lib/staff/jobs";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff.runs"))("title") };
}

const th = "px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-gray-600";
const td = "px-3 py-3 text-gray-800";

/** The scheduled jobs: schedule, last and next run, failures; staff-finance may run a period-keyed one now. */
export default async function StaffRunsPage() {
  const user = await requireStaffPage("staff.read");
  const now = clockNow();
  const db = getDb();
  const periodJobs = SCHEDULED_JOBS.filter((j) => j.periodKeyed).map((j) => j.name);
  const [t, format, summary, beats, skipped] = await Promise.all([
    getTranslations("staff.runs"),
    getFormatter(),
    jobRunSummary(db, { jobs: periodJobs, now }),
    jobHeartbeatsByName(db),
    latestRunAccountFailures(db, periodJobs),
  ]);
  const finance = staffCan(user.staffRole, "staff.money");
  const when = (d: Date | null | undefined) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "—");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
        <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="job-runs">
          <caption className="sr-only">{t("title")}</caption>
          <thead className="bg-gray-50">
            <tr>
              <th scope="col" className={th}>{t("job")}</th>
              <th scope="col" className={th}>{t("schedule")}</th>
              <th scope="col" className={th}>{t("lastRun")}</th>
              <th scope="col" className={th}>{t("nextRun")}</th>
              <th scope="col" className={th}>{t("failures")}</th>
              {finance && <th scope="col" className={th}>{t("actions")}</th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {SCHEDULED_JOBS.map((job) => {
              const s = summary.get(job.name);
              const beat = beats.get(job.name);
              const label = t(`jobs.${job.name}` as "jobs.overdue");
              const accountsFailed = skipped.get(job.name);
              return (
                <tr key={job.name} data-testid="job-row" className="align-top">
                  <th scope="row" className="px-3 py-3 text-left font-medium text-gray-900">
                    {label}
                    <span className="block text-xs font-normal text-gray-600">
                      <span className="font-mono">{job.name}</span>
                      {!job.periodKeyed && <> · {t("continuous")}</>}
                    </span>
                  </th>
                  <td className={`${td} font-mono text-xs`}>{job.schedule}</td>
                  <td className={td}>
                    {job.periodKeyed ? (
                      s?.last ? (
                        <>
                          {when(s.last.startedAt)}
                          <span className="block text-xs text-gray-600">{t(`status.${s.last.status}`)} · {s.last.periodKey}</span>
                        </>
                      ) : (
                        t("never")
                      )
                    ) : (
                      <>
                        {beat ? when(beat.lastStartedAt) : t("never")}
                        {beat && <span className="block text-xs text-gray-600">{t(`status.${beat.lastStatus === "failed" ? "failed" : "done"}`)}</span>}
                      </>
                    )}
                  </td>
                  <td className={td}>{when(nextRun(job, now))}</td>
                  <td className={td}>
                    {accountsFailed && (
                      <div className="mb-2 text-red-800" data-testid="failed-accounts">
                        {t("failedAccounts", { n: accountsFailed.total, period: accountsFailed.periodKey })}
                        <ul className="mt-1 space-y-1 text-xs">
                          {accountsFailed.failures.map((f) => (
                            <li key={f.accountId} data-testid="failed-account">
                              <Link href={`/staff/accounts/${f.accountId}`} className="font-medium text-blue-700 hover:underline">
                                {f.accountName}
                              </Link>
                              : <span className="break-words">{f.error}</span>
                            </li>
                          ))}
                        </ul>
                        {accountsFailed.total > accountsFailed.failures.length && (
                          <span className="block text-xs">{t("failedAccountsMore", { n: accountsFailed.total - accountsFailed.failures.length })}</span>
                        )}
                        <span className="block text-xs text-gray-700">{t("failedAccountsRetry")}</span>
                      </div>
                    )}
                    {s?.lastFailure ? (
                      <span className="text-red-800">
                        {t("failedCount", { n: s.failedThisWeek })}
                        <span className="block text-xs">{when(s.lastFailure.startedAt)}: {s.lastFailure.error}</span>
                      </span>
                    ) : !job.periodKeyed && beat?.lastFailedAt ? (
                      <span className="text-red-800">
                        {t("tickFailures", { n: beat.failures })}
                        <span className="block text-xs">{when(beat.lastFailedAt)}: {beat.lastError}</span>
                      </span>
                    ) : accountsFailed ? null : (
                      t("noFailures")
                    )}
                  </td>
                  {finance && <td className={td}>{job.periodKeyed ? <RunJobButton job={job.name} label={label} /> : null}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="mt-4 text-sm text-gray-700">{t("notPeriodKeyed")}</p>
      <p className="mt-2 text-sm text-gray-700">
        {t("outboxNote")}{" "}
        <Link href="/staff/outbox" className="font-medium text-blue-700 hover:underline">
          {t("outboxLink")}
        </Link>
      </p>
    </>
  );
}
