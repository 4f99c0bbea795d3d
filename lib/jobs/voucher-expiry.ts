// Schedule: hourly, at minute 10 ("10 * * * *"), inside the app and in `npm run worker`:
// after the billing cycle (minute 5) has charged the hour that just ended, and often
// enough that a voucher valid until any hour (usually midnight in the platform time
// zone) leaves the books within the hour after it lapsed.
import { clockNow } from "@/lib/clock";
import { and, eq, isNotNull, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountBillingState, ledgerAccounts, vouchers } from "@/db/schema";
import { pgArray } from "@/db/sql-arrays";
import { withTx } from "@/db/tx";
import { col, rows } from "@/db/rows";
import { type Actor, post } from "@/lib/ledger";
import { hourStart, runPeriod, scopedJob } from "./job-runs";

export const VOUCHER_EXPIRY_JOB = "voucher-expiry";
const SYSTEM: Actor = { kind: "system" };

export interface VoucherExpiryResult {
  /** Vouchers whose remainder was posted to voucher issuance and that are now expired. */
  expired: number;
  /** The remainders posted, in micro-dollars. */
  amount: bigint;
  /**
   * Lapsed vouchers left for a later run because a running resource they may pay for
   * still has time before `valid_until` that the billing run has not charged yet.
   */
  deferred: number;
}

export interface VoucherExpiryJobResult extends VoucherExpiryResult {
  periodKey: string;
}

/**
 * Expires every voucher whose validity has ended by `now` and that still has value on
 * the ledger: posts the remainder from the voucher's ledger account (kind "voucher",
 * ref = voucher id) back to the `voucher_issuance` system account, one posting per
 * voucher under the key `voucher-expiry:<voucherId>`, and marks the voucher `expired`.
 *
 * The boundary: a voucher valid until T is valid on [valid_from, T). It expires at T
 * exactly (`valid_until <= now`), not a millisecond before. Up to T it keeps paying: the
 * billing run applies it to an increment that starts before T, which for a T on an
 * increment boundary (the hour or the day) means every increment ending at or before T,
 * and to nothing after. An increment that may still use it but is not charged yet (a
 * running resource of a product it covers, billed until before T) defers its expiry to a
 * later run, so a late or crashed billing cycle never loses a charge the voucher owed.
 *
 * Each account is handled in one transaction that first locks its
 * `account_billing_state` row (FOR UPDATE, as the billing run and a release do), then
 * re-reads the vouchers and their balances under the lock: expiry and a billing run
 * never interleave on one account, and two instances (or a job and a rerun) post each
 * remainder once — the second finds the voucher expired, or the key already posted.
 */
export async function expireVouchers(db: Db, now: Date, accountIds?: string[]): Promise<VoucherExpiryResult> {
  const result: VoucherExpiryResult = { expired: 0, amount: 0n, deferred: 0 };
  const candidates = await db
    .selectDistinct({ accountId: vouchers.accountId })
    .from(vouchers)
    .innerJoin(ledgerAccounts, and(eq(ledgerAccounts.kind, "voucher"), eq(ledgerAccounts.accountId, vouchers.accountId), eq(ledgerAccounts.ref, sql`${vouchers.id}::text`)))
    .where(
      and(
        eq(vouchers.status, "active"),
        isNotNull(vouchers.accountId),
        lte(vouchers.validUntil, now),
        sql`${ledgerAccounts.balance} > 0`,
        accountIds ? sql`${vouchers.accountId} = any(${pgArray(accountIds, "uuid")})` : undefined,
      ),
    );
  const accounts = candidates.map((c) => c.accountId!).sort();
  for (const accountId of accounts) {
    const r = await withTx(db, async (tx) => {
      const out: VoucherExpiryResult = { expired: 0, amount: 0n, deferred: 0 };
      await tx.insert(accountBillingState).values({ accountId }).onConflictDoNothing();
      await tx.select({ a: accountBillingState.accountId }).from(accountBillingState).where(eq(accountBillingState.accountId, accountId)).for("update");
      // Read under the lock: the billing run may have spent some of it meanwhile.
      const lapsed = await rows(
        tx,
        sql`select v.id, v.valid_until, la.balance,
            exists (
              select 1 from resources r
              where r.account_id = v.account_id and r.status = 'running' and r.billing_mode <> 'subscription'
                and r.billed_until < v.valid_until
                and (cardinality(v.product_ids) = 0 or r.product_id = any(v.product_ids))
            ) as owed
          from vouchers v
          join ledger_accounts la on la.kind = 'voucher' and la.account_id = v.account_id and la.ref = v.id::text
          where v.account_id = ${accountId}::uuid and v.status = 'active'
            and v.valid_until <= ${now.toISOString()}::timestamptz and la.balance > 0
          order by v.valid_until, v.id
          for update of v`,
        { id: col.text, valid_until: col.date, balance: col.bigint, owed: col.bool },
      );
      for (const v of lapsed) {
        if (v.owed) {
          out.deferred++;
          continue;
        }
        const voucherId = v.id;
        const remainder = v.balance;
        await post(tx, {
          idempotencyKey: `voucher-expiry:${voucherId}`,
          accountId,
          type: "voucher_expiry",
          description: "Voucher expired: remainder returned to voucher issuance",
          entries: [
            { account: { kind: "voucher", ref: voucherId }, amount: -remainder },
            { account: { kind: "voucher_issuance" }, amount: remainder },
          ],
          actor: SYSTEM,
          audit: { action: "voucher.expired", data: { voucherId, remainder } },
        });
        await tx
          .update(vouchers)
          .set({ status: "expired", expiredAt: v.valid_until })
          .where(and(eq(vouchers.id, voucherId), eq(vouchers.status, "active")));
        out.expired++;
        out.amount += remainder;
      }
      return out;
    });
    result.expired += r.expired;
    result.amount += r.amount;
    result.deferred += r.deferred;
  }
  return result;
}

/**
 * The voucher expiry job, keyed by the hour of `now` (its start, ISO): expires what has
 * lapsed by `now`, once per period however many instances call it. `accountIds` limits it
 * to those accounts (tests, staff), as a job of its own name.
 */
export async function voucherExpiryJob(db: Db, opts: { now?: Date; accountIds?: string[] } = {}): Promise<VoucherExpiryJobResult | null> {
  const now = opts.now ?? clockNow();
  const periodKey = hourStart(now).toISOString();
  const run = await runPeriod(db, scopedJob(VOUCHER_EXPIRY_JOB, opts.accountIds), periodKey, now, async () => ({ periodKey, ...(await expireVouchers(db, now, opts.accountIds)) }));
  return run.ran ? run.result : null;
}
