import { and, eq, getTableColumns, inArray, lt, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { products, resources } from "@/db/schema";
import { chargeResources } from "./charge";
import { platformTimeZone } from "./time";
import { rowsOf, withTx } from "./tx";

export interface RunBillingOptions {
  until: Date;
  /** Accounts claimed per transaction. */
  batchSize?: number;
  /** Only these customer accounts (staff running one account's cycle); all when absent. */
  accountIds?: string[];
}

export interface RunBillingResult {
  charges: number;
  batches: number;
  /** Accounts charged in this run, with the cash deducted from each. */
  accounts: Map<string, bigint>;
}

/**
 * Charges every elapsed increment of every running pay-as-you-go resource up to `until`.
 * Work is claimed per customer account: a transaction takes a batch of account billing-
 * state rows FOR UPDATE SKIP LOCKED, so any number of workers run at once, each account
 * charged by one of them; everything of a batch commits together, so a crash loses
 * nothing and a rerun charges only what is still due (charges are unique per increment).
 */
export async function runBilling(db: Db, opts: RunBillingOptions): Promise<RunBillingResult> {
  const until = opts.until;
  const tz = platformTimeZone();
  const result: RunBillingResult = { charges: 0, batches: 0, accounts: new Map() };
  // Accounts done in this run: a claim that found nothing due is not claimed again.
  const done: string[] = [];
  await db.execute(sql`insert into account_billing_state (account_id)
    select distinct account_id from resources where status = 'running'
    ${opts.accountIds ? sql`and account_id = any(${`{${opts.accountIds.join(",")}}`}::uuid[])` : sql``}
    on conflict do nothing`);
  for (;;) {
    const batch = await withTx(db, async (tx) => {
      const claimed = await rowsOf(
        tx,
        sql`select s.account_id from account_billing_state s
          where exists (
            select 1 from resources r
            where r.account_id = s.account_id and r.status = 'running' and r.billing_mode <> 'subscription'
              and (date_trunc(case when r.billing_mode = 'payg_daily' then 'day' else 'hour' end, r.billed_until at time zone ${tz})
                   + case when r.billing_mode = 'payg_daily' then interval '1 day' else interval '1 hour' end) at time zone ${tz}
                  <= ${until.toISOString()}::timestamptz)
          ${opts.accountIds ? sql`and s.account_id = any(${`{${opts.accountIds.join(",")}}`}::uuid[])` : sql``}
          ${done.length ? sql`and s.account_id <> all(${`{${done.join(",")}}`}::uuid[])` : sql``}
          order by s.account_id
          limit ${opts.batchSize ?? 100}
          for update of s skip locked`,
      );
      const accountIds = claimed.map((r) => String(r.account_id));
      if (accountIds.length === 0) return null;
      const rows = await tx
        .select({ ...getTableColumns(resources), metered: products.metered })
        .from(resources)
        .innerJoin(products, eq(products.id, resources.productId))
        .where(and(inArray(resources.accountId, accountIds), eq(resources.status, "running"), ne(resources.billingMode, "subscription"), lt(resources.billedUntil, until)));
      const r = await chargeResources(tx, rows, { until });
      return { accountIds, ...r };
    });
    if (!batch) break;
    result.batches++;
    result.charges += batch.charges;
    for (const [a, amount] of batch.accounts) result.accounts.set(a, (result.accounts.get(a) ?? 0n) + amount);
    if (!batch.more) done.push(...batch.accountIds);
  }
  return result;
}
