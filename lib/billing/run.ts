import { and, eq, getTableColumns, lt, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { products, resources } from "@/db/schema";
import { chargeResources } from "./charge";
import { pgArray } from "@/db/sql-arrays";
import { platformTimeZone } from "./time";
import { pgCode, withTx } from "@/db/tx";
import { col, rows } from "@/db/rows";

export interface RunBillingOptions {
  until: Date;
  /** Accounts claimed per transaction. */
  batchSize?: number;
  /** Only these customer accounts (staff running one account's cycle); all when absent. */
  accountIds?: string[];
  /**
   * Called for each account skipped because its own charge failed (the job records it on
   * its run). The run goes on with every other account; the account stays due, so the next
   * run tries it again.
   */
  onAccountFailed?: (accountId: string, error: unknown) => Promise<void>;
}

export interface RunBillingResult {
  charges: number;
  batches: number;
  /** Accounts charged in this run, with the cash deducted from each. */
  accounts: Map<string, bigint>;
  /** Accounts skipped because their charge failed, with the error. */
  failed: Map<string, unknown>;
}

/**
 * Errors that are not about one account's data: the database is gone or refusing work. A
 * run stops on those (and fails its job) rather than marking every account failed.
 */
export function isSystemicError(e: unknown): boolean {
  const code = pgCode(e) ?? "";
  if (/^(08|53|57|58|XX)/.test(code)) return true;
  for (let cur: unknown = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const c = (cur as { code?: unknown }).code;
    if (typeof c === "string" && /^(CONNECTION_|ECONN|EPIPE|ETIMEDOUT|ENOTFOUND)/.test(c)) return true;
  }
  return false;
}


/** An account's or a batch's chargeable resources, charged in `tx` (the billing-state rows are already locked). */
async function chargeAccounts(tx: Tx, accountIds: string[], until: Date) {
  const rows = await tx
    .select({ ...getTableColumns(resources), metered: products.metered })
    .from(resources)
    .innerJoin(products, eq(products.id, resources.productId))
    .where(and(sql`${resources.accountId} = any(${pgArray(accountIds, "uuid")})`, eq(resources.status, "running"), ne(resources.billingMode, "subscription"), lt(resources.billedUntil, until)));
  return chargeResources(tx, rows, { until });
}

/**
 * Charges every elapsed increment of every running pay-as-you-go resource up to `until`.
 * Work is claimed per customer account: a transaction takes a batch of account billing-
 * state rows FOR UPDATE SKIP LOCKED, so any number of workers run at once, each account
 * charged by one of them; everything of a batch commits together, so a crash loses
 * nothing and a rerun charges only what is still due (charges are unique per increment).
 * When a batch fails (one account's bad row or a constraint), it is redone one account per
 * transaction: the others are charged, each failing account is reported (`onAccountFailed`)
 * and left out of the rest of this run. A claim whose charge stopped at its work bound
 * (`more`) is claimed again until nothing is due.
 */
export async function runBilling(db: Db, opts: RunBillingOptions): Promise<RunBillingResult> {
  const until = opts.until;
  const tz = platformTimeZone();
  const result: RunBillingResult = { charges: 0, batches: 0, accounts: new Map(), failed: new Map() };
  // Accounts done in this run (nothing more due, or failed): not claimed again.
  const done: string[] = [];
  const scope = opts.accountIds ? sql`and account_id = any(${pgArray(opts.accountIds, "uuid")})` : sql``;
  await db.execute(sql`insert into account_billing_state (account_id)
    select distinct account_id from resources where status = 'running' ${scope}
    on conflict do nothing`);
  const due = sql`exists (
      select 1 from resources r
      where r.account_id = s.account_id and r.status = 'running' and r.billing_mode <> 'subscription'
        and (date_trunc(case when r.billing_mode = 'payg_daily' then 'day' else 'hour' end, r.billed_until at time zone ${tz})
             + case when r.billing_mode = 'payg_daily' then interval '1 day' else interval '1 hour' end) at time zone ${tz}
            <= ${until.toISOString()}::timestamptz)`;
  const add = (r: { charges: number; accounts: Map<string, bigint> }) => {
    result.charges += r.charges;
    for (const [a, amount] of r.accounts) result.accounts.set(a, (result.accounts.get(a) ?? 0n) + amount);
  };
  for (;;) {
    let claimedIds: string[] = [];
    let batch: { accountIds: string[]; charges: number; accounts: Map<string, bigint>; more: boolean } | null;
    try {
      batch = await withTx(db, async (tx) => {
        const claimed = await rows(
          tx,
          sql`select s.account_id from account_billing_state s
            where ${due}
            ${opts.accountIds ? sql`and s.account_id = any(${pgArray(opts.accountIds, "uuid")})` : sql``}
            ${done.length ? sql`and s.account_id <> all(${pgArray(done, "uuid")})` : sql``}
            order by s.account_id
            limit ${opts.batchSize ?? 100}
            for update of s skip locked`,
          { account_id: col.text },
        );
        claimedIds = claimed.map((r) => r.account_id);
        if (claimedIds.length === 0) return null;
        return { accountIds: claimedIds, ...(await chargeAccounts(tx, claimedIds, until)) };
      });
    } catch (e) {
      if (claimedIds.length === 0 || isSystemicError(e)) throw e;
      // Some account of the batch failed: redo it one account per transaction.
      result.batches++;
      for (const accountId of claimedIds) {
        try {
          const one = await withTx(db, async (tx) => {
            const [own] = await rows(tx, sql`select account_id from account_billing_state where account_id = ${accountId}::uuid for update skip locked`, { account_id: col.text });
            return own ? chargeAccounts(tx, [accountId], until) : null; // null: another worker has it now
          });
          if (one) add(one);
          if (!one?.more) done.push(accountId);
        } catch (err) {
          if (isSystemicError(err)) throw err;
          result.failed.set(accountId, err);
          done.push(accountId);
          await opts.onAccountFailed?.(accountId, err);
        }
      }
      continue;
    }
    if (!batch) break;
    result.batches++;
    add(batch);
    if (!batch.more) for (const a of batch.accountIds) done.push(a);
  }
  return result;
}
