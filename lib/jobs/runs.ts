import "server-only";
import { Cron } from "croner";
import { SCHEDULED_JOBS, type ScheduledJob } from "./schedule";

// The staff Runs page's view of the schedule (SCHEDULED_JOBS, in ./schedule): which jobs staff
// may run now, and when each runs next.

/** The jobs staff may run now: those that claim their period, so a second run does nothing. */
export const RUNNABLE_JOBS: string[] = SCHEDULED_JOBS.filter((j) => j.periodKeyed).map((j) => j.name);

export function findJob(name: string): ScheduledJob | undefined {
  return SCHEDULED_JOBS.find((j) => j.name === name);
}

/** When the pattern next fires after `now`. */
export function nextRun(job: ScheduledJob, now: Date): Date | null {
  return new Cron(job.schedule).nextRun(now);
}
