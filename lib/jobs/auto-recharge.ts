// Schedule: hourly at minute 15 ("15 * * * *"), inside the app and in `npm run worker`.
import type { Db } from "@/db/client";
import { runAutoRecharge } from "@/lib/payments/auto-recharge";

/** Monthly auto-recharge on each account's day, with bounded retries; once per account and month (see lib/payments/auto-recharge.ts). */
export async function autoRechargeJob(db: Db, opts: { now?: Date } = {}) {
  return runAutoRecharge(db, { now: opts.now });
}
