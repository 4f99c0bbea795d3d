// The production worker: runs every scheduled job against DATABASE_URL. Any number
// of workers and app instances may run at once; each job is idempotent by its period.
import { SCHEDULED_JOBS, startScheduledJobs } from "@/lib/jobs/schedule";
import { modeReport } from "@/lib/server/mode-report";
import { openCliDb } from "./open";

const handle = await openCliDb();
modeReport("worker").forEach((line) => console.log(line));
const jobs = startScheduledJobs(handle.db);
console.log(`Worker running (${handle.kind}). Jobs: ${SCHEDULED_JOBS.map((j) => j.description).join(", ")}.`);
const stop = async () => {
  jobs.forEach((j) => j.stop());
  await handle.close();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
