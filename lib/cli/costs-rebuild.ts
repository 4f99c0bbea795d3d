import { rebuildSpendRollups, verifyDailyCosts, verifyMonthlySpend } from "@/lib/billing/spend";
import { platformTimeZone } from "@/lib/billing/time";
import { openCliDb } from "./open";

// npm run costs:rebuild — rebuilds the spend rollups (monthly_spend, daily_costs) from the charges
// and orders, in one transaction: after changing PLATFORM_TIME_ZONE, or when ledger:verify reports
// a rollup that differs. Billing may keep running; its writes wait for the rebuild's lock.
const handle = await openCliDb();
try {
  await rebuildSpendRollups(handle.db);
  const months = await verifyMonthlySpend(handle.db);
  const days = await verifyDailyCosts(handle.db);
  console.log(`Spend rollups rebuilt in ${platformTimeZone()}: ${months.length} months and ${days.length} days differ afterwards.`);
  process.exitCode = months.length || days.length ? 1 : 0;
} finally {
  await handle.close();
}
