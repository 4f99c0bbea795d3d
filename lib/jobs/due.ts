import type { Db } from "@/db/client";
import { SCHEDULED_JOBS } from "./schedule";

/**
 * Runs the scheduled jobs that have a catch-up step (SCHEDULED_JOBS, in step order) as the
 * scheduler would at `now`; one summary line per job.
 */
export async function runDueJobs(db: Db, now: Date): Promise<string[]> {
  const due = SCHEDULED_JOBS.flatMap((j) => (j.catchUp ? [j.catchUp] : [])).sort((a, b) => a.step - b.step);
  const lines: string[] = [];
  for (const step of due) lines.push(await step.run(db, now));
  return lines;
}
