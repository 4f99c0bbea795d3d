// `npm run billing:run -- --until <ISO time>`: runs every job due up to that time, as the
// scheduler would at that moment (the billing cycle catches up every elapsed increment,
// then the overrun charges). Each job is keyed by its period, so a rerun does nothing, except
// take over at once a period whose run was killed (its lease died with it) and finish it.
// `--account <id>…` charges only those accounts' cycles, directly (staff use), `--batch <n>`
// sets accounts per transaction there. An account whose charge fails is skipped and listed
// (the others are charged): with --account the command then exits with 3; the whole run
// records it on the job run (staff Runs page) and says how many failed.
import { parseArgs } from "node:util";
import { runBilling } from "@/lib/billing/run";
import { clockNow, wallClockMs } from "@/lib/clock";
import { runDueJobs } from "@/lib/jobs/due";
import { errorText } from "@/lib/jobs/job-runs";
import { openCliDb } from "./open";

const { values } = parseArgs({
  options: { until: { type: "string" }, account: { type: "string", multiple: true }, batch: { type: "string" } },
});
const until = values.until ? new Date(values.until) : clockNow();
if (Number.isNaN(until.getTime())) {
  console.error(`--until is not a time: ${values.until}`);
  process.exit(1);
}
const handle = await openCliDb();
try {
  const started = wallClockMs();
  if (values.account?.length) {
    const r = await runBilling(handle.db, { until, accountIds: values.account, batchSize: values.batch ? Number(values.batch) : undefined });
    console.log(`billing run until ${until.toISOString()}: ${r.charges} charges in ${r.batches} batches over ${r.accounts.size} accounts, ${wallClockMs() - started} ms`);
    for (const [accountId, error] of r.failed) console.log(`failed account ${accountId} (skipped, still due): ${errorText(error)}`);
    if (r.failed.size) process.exitCode = 3;
  } else {
    for (const line of await runDueJobs(handle.db, until)) console.log(line);
    console.log(`jobs due up to ${until.toISOString()} done in ${wallClockMs() - started} ms`);
  }
} finally {
  await handle.close();
}
