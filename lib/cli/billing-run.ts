// `npm run billing:run -- --until <ISO time> [--account <id>]… [--batch <n>]`: runs the
// billing cycles due up to that time (every elapsed increment, once), as the jobs do.
import { parseArgs } from "node:util";
import { runBilling } from "@/lib/billing/run";
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
  const r = await runBilling(handle.db, { until, accountIds: values.account, batchSize: values.batch ? Number(values.batch) : undefined });
  console.log(`billing run until ${until.toISOString()}: ${r.charges} charges in ${r.batches} batches over ${r.accounts.size} accounts, ${Date.now() - started} ms`);
} finally {
  await handle.close();
}
