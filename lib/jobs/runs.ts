import "server-only";
import { Cron } from "croner";
import { SCHEDULED_JOBS, type ScheduledJob } from "./schedule";

// The staff Runs page's view of the schedule: what runs when, and which jobs staff may run now.
export { SCHEDULED_JOBS, type ScheduledJob };

/** The jobs staff may run now: those that claim their period, so a second run does nothing. */
export const RUNNABLE_JOBS = SCHEDULED_JOBS.filter((j) => j.periodKeyed).map((j) => j.name);

export function findJob(name: string): ScheduledJob | undefined {
  return SCHEDULED_JOBS.find((j) => j.name === name);
}

/** When the pattern next fires after `now`. */
export function nextRun(job: ScheduledJob, now: Date): Date | null {
  return new Cron(job.schedule).nextRun(now);
}
