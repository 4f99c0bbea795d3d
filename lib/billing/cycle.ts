import { divRoundHalfEven, MICROS_PER_CENT, type Micros } from "@/lib/money";
import { addMonths, floorTo, nextBoundary, platformTimeZone } from "./time";

/**
 * The pure maths of charging: which increments are due, what each costs, discounts in
 * basis points, and the accrual that deducts whole cents. No database, no clock.
 */

export type BillingMode = "payg_hourly" | "payg_daily" | "subscription";
export type TermMonths = 1 | 3 | 6 | 12;
export const TERMS: readonly TermMonths[] = [1, 3, 6, 12];

export const unitOf = (mode: BillingMode): "hour" | "day" => (mode === "payg_daily" ? "day" : "hour");

export interface Increment {
  start: Date;
  end: Date;
  /** Minutes charged, over the minutes of a whole increment: the first increment is pro-rated. */
  minutes: number;
  minutesInIncrement: number;
}

/**
 * The increments of a pay-as-you-go resource to charge, from `billedUntil` up to `until`.
 * An increment is due once it has ended; with `final` (a release) the increment in
 * progress is due too, in full. The first one runs from the start to the next boundary
 * and is pro-rated by the minutes used (a started minute counts). At most `limit` are returned.
 */
export function dueIncrements(
  r: { startedAt: Date; billedUntil: Date; mode: BillingMode },
  until: Date,
  opts: { final?: boolean; limit?: number; tz?: string } = {},
): Increment[] {
  const unit = unitOf(r.mode);
  const tz = opts.tz ?? platformTimeZone();
  const out: Increment[] = [];
  let start = r.billedUntil;
  while (out.length < (opts.limit ?? Infinity)) {
    const end = nextBoundary(start, unit, tz);
    const due = end.getTime() <= until.getTime() || (opts.final && start.getTime() < until.getTime());
    if (!due) break;
    const incStart = floorTo(start, unit, tz);
    const minutesInIncrement = Math.round((end.getTime() - incStart.getTime()) / 60_000);
    const minutes = Math.min(minutesInIncrement, Math.ceil((end.getTime() - start.getTime()) / 60_000));
    out.push({ start, end, minutes, minutesInIncrement });
    start = end;
  }
  return out;
}

/** unit price × quantity × minutes / minutes in the increment, half-even to the micro-dollar. */
export function incrementGross(unitPrice: Micros, quantity: bigint, inc: Pick<Increment, "minutes" | "minutesInIncrement">): Micros {
  return divRoundHalfEven(unitPrice * quantity * BigInt(inc.minutes), BigInt(inc.minutesInIncrement));
}

/** One whole increment's price: what an activation holds. */
export const oneIncrementPrice = (unitPrice: Micros, quantity: bigint): Micros => unitPrice * quantity;

export function checkBps(bps: number): number {
  if (!Number.isInteger(bps) || bps < 0 || bps > 10_000) throw new RangeError(`discount rate out of range: ${bps}`);
  return bps;
}

/** The discount of a rate in basis points, half-even to the micro-dollar; never more than the amount. */
export function discountOf(amount: Micros, bps: number): Micros {
  return divRoundHalfEven(amount * BigInt(checkBps(bps)), 10_000n);
}

/** Discounts never stack: the best single rate applies (account rate, promotion or term discount). */
export function bestRate(...rates: (number | null | undefined)[]): number {
  return Math.max(0, ...rates.map((r) => (r == null ? 0 : checkBps(r))));
}

export interface Priced {
  gross: Micros;
  discount: Micros;
  net: Micros;
  rateBps: number;
}

export function price(gross: Micros, ...rates: (number | null | undefined)[]): Priced {
  const rateBps = bestRate(...rates);
  const discount = discountOf(gross, rateBps);
  return { gross, discount, net: gross - discount, rateBps };
}

/** A subscription's up-front price: monthly price × quantity × months, less the best of term discount, promotion and order form. */
export function subscriptionPrice(monthlyPrice: Micros, quantity: bigint, months: TermMonths, termBps: number, ...otherBps: (number | null | undefined)[]): Priced {
  return price(monthlyPrice * quantity * BigInt(months), termBps, ...otherBps);
}

export function termEnd(start: Date, months: TermMonths, tz?: string): Date {
  return addMonths(start, months, tz);
}

/**
 * Adds cash parts (at 6 decimals) to what the account already owes below a cent, and
 * splits the total into whole cents to deduct now and the remainder to carry. Nothing
 * is lost or invented: deduct + carry = accrued + added.
 */
export function accrue(accrued: Micros, added: Micros): { deduct: Micros; carry: Micros } {
  if (accrued < 0n || added < 0n) throw new RangeError("accrual amounts are never negative");
  const total = accrued + added;
  const carry = total % MICROS_PER_CENT;
  return { deduct: total - carry, carry };
}

/** Pays `amount` from vouchers in the given order (earliest expiry first), as far as their balances go. */
export function allocateVouchers(amount: Micros, vouchers: { id: string; balance: Micros }[]): { paid: Micros; uses: { id: string; amount: Micros }[] } {
  let left = amount;
  const uses: { id: string; amount: Micros }[] = [];
  for (const v of vouchers) {
    if (left === 0n) break;
    const take = v.balance < left ? v.balance : left;
    if (take > 0n) {
      uses.push({ id: v.id, amount: take });
      left -= take;
    }
  }
  return { paid: amount - left, uses };
}
