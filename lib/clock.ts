import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The time the billing code reads as "now". Normally the wall clock; inside `atTime(t, …)`
 * it is `t`, and everything written inside — ledger transactions and their audit
 * records, charges, orders, payments — is stamped with it instead of the database's
 * now(). The demo's year of history is made this way: the real engine, run day by day
 * over simulated time. Functions that take an explicit `now` still prefer it.
 */
const simulated = new AsyncLocalStorage<Date>();

export function clockNow(): Date {
  return simulated.getStore() ?? new Date();
}

/** The simulated time, or null on the wall clock (the database then stamps rows itself). */
export function simulatedTime(): Date | null {
  return simulated.getStore() ?? null;
}

export function atTime<T>(t: Date, fn: () => T): T {
  return simulated.run(t, fn);
}

/**
 * The wall clock in milliseconds, for measuring how long something took (a CLI run's
 * duration). Never for what the billing code calls "now": that is clockNow().
 */
export function wallClockMs(): number {
  return Date.now();
}
