import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clockNow } from "@/lib/clock";
import { DEMO_ACCOUNTS } from "./logins";
import { alertSettings, alertThresholds } from "@/db/schema";
import { audit } from "@/lib/audit";
import { lowFundsAlertsJob } from "@/lib/jobs/low-funds-alerts";
import { dollars } from "@/lib/money";
import { withTx } from "@/db/tx";

/**
 * The demo's low-funds alerts: Acme at $500 and $200, Globex at $50. Globex's trial left
 * it a few dollars, so the reminder job, run once here for the demo accounts, opens its
 * episode and the demo mailbox holds the first low-funds email. Safe to rerun: an account
 * that already has alert settings is left as its users set it.
 */
export async function seedDemoAlerts(db: Db, now = clockNow()): Promise<void> {
  const [acme, globex] = DEMO_ACCOUNTS;
  for (const [accountId, amounts] of [
    [acme.id, [500, 200]],
    [globex.id, [50]],
  ] as const) {
    const [existing] = await db.select({ id: alertSettings.accountId }).from(alertSettings).where(eq(alertSettings.accountId, accountId));
    if (existing) continue;
    await withTx(db, async (tx) => {
      await tx.insert(alertSettings).values({ accountId, enabled: true, updatedAt: now });
      await tx.insert(alertThresholds).values(amounts.map((a) => ({ accountId, amount: dollars(a), createdAt: now })));
      await audit(tx, { actorKind: "system", accountId, action: "alerts.update", targetType: "account", targetId: accountId, reason: "demo data", data: { after: { enabled: true, thresholds: amounts.map(dollars) } } });
    });
  }
  await lowFundsAlertsJob(db, { now, accountIds: DEMO_ACCOUNTS.map((a) => a.id) });
}
