// Schedule: daily (run with the other due jobs; running it more often is harmless).
import { and, eq, inArray, lt, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contracts } from "@/db/schema";
import { isAppError } from "@/lib/errors";
import { activateContract, expireContract } from "./flow";

/**
 * Signed contracts whose start date has come become active; active ones whose end date has
 * passed expire (the end date is the last day in force, UTC). Idempotent: each step checks
 * the status under the row lock, so a rerun or a second worker changes nothing.
 */
export async function contractsJob(db: DbOrTx, { now, accountIds }: { now: Date; accountIds?: string[] }): Promise<{ activated: number; expired: number }> {
  const today = now.toISOString().slice(0, 10);
  const scope = accountIds ? inArray(contracts.accountId, accountIds) : sql`true`;
  const due = await db.select({ id: contracts.id }).from(contracts).where(and(scope, eq(contracts.status, "signed"), lte(sql`${contracts.terms}->>'startsOn'`, today)));
  const over = await db.select({ id: contracts.id }).from(contracts).where(and(scope, eq(contracts.status, "active"), lt(sql`${contracts.terms}->>'endsOn'`, today)));
  let activated = 0;
  let expired = 0;
  const quietly = async (fn: () => Promise<unknown>) => {
    try {
      return (await fn()) === false ? 0 : 1; // false: a credit agreement still waiting for a second approver
    } catch (e) {
      if (isAppError(e) && e.code === "CONFLICT") return 0; // someone else moved it first
      throw e;
    }
  };
  for (const c of due) activated += await quietly(async () => (await activateContract(db, { contractId: c.id, now })).status === "active");
  for (const c of over) expired += await quietly(() => expireContract(db, { contractId: c.id, now }));
  return { activated, expired };
}
