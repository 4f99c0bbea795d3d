import type { Db } from "@/db/client";
import { billingCycleJob } from "./billing-cycle";

/** Runs every period-keyed job as the scheduler would at `now`; one summary line per job. */
export async function runDueJobs(db: Db, now: Date): Promise<string[]> {
  const lines: string[] = [];
  const cycle = await billingCycleJob(db, { now });
  lines.push(cycle ? `billing cycle ${cycle.periodKey}: ${cycle.charges} charges, ${cycle.overruns.size} overrun charges attempted` : "billing cycle: period already done");
  return lines;
}
