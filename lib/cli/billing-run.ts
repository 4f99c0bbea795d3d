// `npm run billing:run -- --until <ISO time>`: runs every job due up to that time, as the
// scheduler would at that moment (the billing cycle catches up every elapsed increment,
// then the overrun charges). Each job is keyed by its period, so a rerun does nothing.
// `--account <id>…` charges only those accounts' cycles, directly (staff use), `--batch <n>`
// sets accounts per transaction there.
import { parseArgs } from "node:util";
import { runBilling } from "@/lib/billing/run";
import { runDueJobs } from "@/lib/jobs/due";
import { openCliDb } from "./open";

const { values } = parseArgs({
  options: { until: { type: "string" }, account: { type: "string", multiple: true }, batch: { type: "string" } },
});
const until = values.until ? new Date(values.until) : new Date();
if (Number.isNaN(until.getTime())) {
  console.error(`--until is not a time: ${values.until}`);
  process.exit(1);
}
const handle = await openCliDb();
try {
  const started = Date.now();
  if (values.account?.length) {
    const r = await runBilling(handle.db, { until, accountIds: values.account, batchSize: values.batch ? Number(values.batch) : undefined });
    console.log(`billing run until ${until.toISOString()}: ${r.charges} charges in ${r.batches} batches over ${r.accounts.size} accounts, ${Date.now() - started} ms`);
  } else {
    for (const line of await runDueJobs(handle.db, until)) console.log(line);
    console.log(`jobs due up to ${until.toISOString()} done in ${Date.now() - started} ms`);
  }
} finally {
  await handle.close();
}
