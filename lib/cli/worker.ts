// The production worker: runs every scheduled job against DATABASE_URL. Any number
// of workers and app instances may run at once; each job is idempotent by its period.
import { Cron } from "croner";
import { deliverEmails } from "@/lib/jobs/deliver-emails";
import { openCliDb } from "./open";

const handle = await openCliDb();
const jobs = [new Cron("*/10 * * * * *", { protect: true, catch: (e) => console.error("email delivery failed", e) }, async () => {
  await deliverEmails(handle.db);
})];
console.log(`Worker running (${handle.kind}). Jobs: email delivery every 10 s.`);
const stop = async () => {
  jobs.forEach((j) => j.stop());
  await handle.close();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
