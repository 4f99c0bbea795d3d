import { fromWall, platformTimeZone, toWall } from "@/lib/billing/time";

/** Invoices are issued on this day of the month (platform time zone) for the month before. */
export const ISSUE_DAY = 5;
/** Days after issue until an unpaid invoice is overdue. */
export const PAYMENT_TERM_DAYS = 14;

export interface InvoicePeriod {
  /** YYYY-MM in the platform time zone. */
  key: string;
  start: Date;
  end: Date;
}

const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The calendar month `key` (YYYY-MM) as [start, end) instants in the platform time zone. */
export function periodOf(key: string, tz = platformTimeZone()): InvoicePeriod {
  const m = PERIOD_RE.exec(key);
  if (!m) throw new RangeError(`not a period: ${key}`);
  const year = +m[1]!;
  const month = +m[2]!;
  const start = fromWall({ year, month, day: 1, hour: 0, minute: 0, second: 0, ms: 0 }, tz);
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  const end = fromWall({ ...next, day: 1, hour: 0, minute: 0, second: 0, ms: 0 }, tz);
  return { key, start, end };
}

export function periodKeyAt(t: Date, tz = platformTimeZone()): string {
  const w = toWall(t, tz);
  return `${w.year}-${String(w.month).padStart(2, "0")}`;
}

export function shiftPeriod(key: string, months: number): string {
  const m = PERIOD_RE.exec(key)!;
  const index = +m[1]! * 12 + (+m[2]! - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * The period the issue job owes at `now`: the previous calendar month once the 5th has
 * begun in the platform time zone, else null (before the 5th the month before last was
 * already issued, and last month's charges may still be settling).
 */
export function periodDueAt(now: Date, tz = platformTimeZone()): InvoicePeriod | null {
  const w = toWall(now, tz);
  if (w.day < ISSUE_DAY) return null;
  return periodOf(shiftPeriod(periodKeyAt(now, tz), -1), tz);
}

/** The issue instant of a period's invoices: 00:00 on the 5th of the following month. */
export function issueDateOf(key: string, tz = platformTimeZone()): Date {
  const next = periodOf(shiftPeriod(key, 1), tz);
  return new Date(fromWall({ ...toWall(next.start, tz), day: ISSUE_DAY }, tz));
}
