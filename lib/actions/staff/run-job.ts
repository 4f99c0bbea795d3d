"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { audit } from "@/lib/audit";
import { clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { findJob } from "@/lib/jobs/runs";

const RunJobSchema = z.object({ job: z.string().trim().min(1).max(64) });

/**
 * Staff-finance run a period-keyed job now. The job claims its current period in job_runs,
 * so a second click (or the scheduler in the same period) does nothing; either way the
 * request is audited once.
 */
export const runJobAction = staffAction({ schema: RunJobSchema, permission: "staff.money", revalidate: ["/staff/runs"] }, async ({ input, user, db, ip }) => {
  const job = findJob(input.job);
  if (!job?.periodKeyed) throw new AppError("NOT_FOUND", "Not found.");
  const now = clockNow();
  const result = await job.run(db, now);
  const ran = result !== null && result !== undefined;
  await audit(db, { actorUserId: user.id, actorKind: "staff", action: "staff.job.run", targetType: "job", targetId: job.name, ip, data: { ran, at: now.toISOString() } });
  return { job: job.name, ran };
});
