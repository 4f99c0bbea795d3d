import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RunJobButton } from "@/components/staff/run-job-button";
import { PageHeader } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { RowHeader, Table, Td } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { latestRunAccountFailures } from "@/db/queries/job-run-failures";
import { jobHeartbeatsByName, jobRunSummary } from "@/db/queries/staff-console";
import { requireStaffPage } from "@/lib/auth/guards";
import { staffCan } from "@/lib/auth/permissions";
import { clockNow } from "@/lib/clock";
import { nextRun, RUNNABLE_JOBS } from "@/lib/jobs/runs";
import { SCHEDULED_JOBS } from "@/lib/jobs/schedule";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff.runs"))("title") };
}

type Translate = Awaited<ReturnType<typeof getTranslations<"staff.runs">>>;
type Job = (typeof SCHEDULED_JOBS)[number];
type Summary = Awaited<ReturnType<typeof jobRunSummary>> extends Map<string, infer V> ? V : never;
type Beat = Awaited<ReturnType<typeof jobHeartbeatsByName>> extends Map<string, infer V> ? V : never;
type AccountFailures = Awaited<ReturnType<typeof latestRunAccountFailures>> extends Map<string, infer V> ? V : never;

function When({ d }: { d: Date | null | undefined }) {
  return d ? <DateTime value={d} /> : "—";
}

/** The scheduled jobs: schedule, last and next run, failures; staff-finance may run a period-keyed one now. */
export default async function StaffRunsPage() {
  const user = await requireStaffPage("staff.read");
  const now = clockNow();
  const db = getDb();
  const [t, summary, beats, skipped] = await Promise.all([
    getTranslations("staff.runs"),
    jobRunSummary(db, { jobs: RUNNABLE_JOBS, now }),
    jobHeartbeatsByName(db),
    latestRunAccountFailures(db, RUNNABLE_JOBS),
  ]);
  const finance = staffCan(user.staffRole, "staff.money");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Table testId="job-runs" caption={t("title")} columns={[{ label: t("job") }, { label: t("schedule") }, { label: t("lastRun") }, { label: t("nextRun") }, { label: t("failures") }, finance && { label: t("actions") }]}>
        {SCHEDULED_JOBS.map((job) => (
          <JobRow key={job.name} t={t} job={job} now={now} finance={finance} summary={summary.get(job.name)} beat={beats.get(job.name)} accountsFailed={skipped.get(job.name)} />
        ))}
      </Table>
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

function JobRow({ t, job, now, finance, summary: s, beat, accountsFailed }: { t: Translate; job: Job; now: Date; finance: boolean; summary: Summary | undefined; beat: Beat | undefined; accountsFailed: AccountFailures | undefined }) {
  const label = t(`jobs.${job.name}` as "jobs.overdue");
  return (
    <tr data-testid="job-row" className="align-top">
      <RowHeader>
        {label}
        <span className="block text-xs font-normal text-gray-600">
          <span className="font-mono">{job.name}</span>
          {!job.periodKeyed && <> · {t("continuous")}</>}
        </span>
      </RowHeader>
      <Td mono>{job.schedule}</Td>
      <Td>
        {job.periodKeyed ? (
          s?.last ? (
            <>
              <When d={s.last.startedAt} />
              <span className="block text-xs text-gray-600">{t(`status.${s.last.status}`)} · {s.last.periodKey}</span>
            </>
          ) : (
            t("never")
          )
        ) : (
          <>
            {beat ? <When d={beat.lastStartedAt} /> : t("never")}
            {beat && <span className="block text-xs text-gray-600">{t(`status.${beat.lastStatus === "failed" ? "failed" : "done"}`)}</span>}
          </>
        )}
      </Td>
      <Td>
        <When d={nextRun(job, now)} />
      </Td>
      <Td>
        {accountsFailed && <FailedAccounts t={t} failed={accountsFailed} />}
        {s?.lastFailure ? (
          <span className="text-red-800">
            {t("failedCount", { n: s.failedThisWeek })}
            <span className="block text-xs">
              <When d={s.lastFailure.startedAt} />: {s.lastFailure.error}
            </span>
          </span>
        ) : !job.periodKeyed && beat?.lastFailedAt ? (
          <span className="text-red-800">
            {t("tickFailures", { n: beat.failures })}
            <span className="block text-xs">
              <When d={beat.lastFailedAt} />: {beat.lastError}
            </span>
          </span>
        ) : accountsFailed ? null : (
          t("noFailures")
        )}
      </Td>
      {finance && <Td>{job.periodKeyed ? <RunJobButton job={job.name} label={label} /> : null}</Td>}
    </tr>
  );
}

/** The accounts the job's last run skipped because their own step failed, and that the next run retries them. */
function FailedAccounts({ t, failed }: { t: Translate; failed: AccountFailures }) {
  return (
    <div className="mb-2 text-red-800" data-testid="failed-accounts">
      {t("failedAccounts", { n: failed.total, period: failed.periodKey })}
      <ul className="mt-1 space-y-1 text-xs">
        {failed.failures.map((f) => (
          <li key={f.accountId} data-testid="failed-account">
            <Link href={`/staff/accounts/${f.accountId}`} className="font-medium text-blue-700 hover:underline">
              {f.accountName}
            </Link>
            : <span className="break-words">{f.error}</span>
          </li>
        ))}
      </ul>
      {failed.total > failed.failures.length && <span className="block text-xs">{t("failedAccountsMore", { n: failed.total - failed.failures.length })}</span>}
      <span className="block text-xs text-gray-700">{t("failedAccountsRetry")}</span>
    </div>
  );
}
