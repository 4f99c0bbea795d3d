/**
 * Wall-clock arithmetic in the platform time zone (PLATFORM_TIME_ZONE, default UTC):
 * days and months of bills follow the platform's calendar, not the server's.
 */

export function platformTimeZone(): string {
  return process.env.PLATFORM_TIME_ZONE || "UTC";
}

export interface Wall {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(tz, f);
  }
  return f;
}

export function toWall(t: Date, tz = platformTimeZone()): Wall {
  if (tz === "UTC") {
    return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), hour: t.getUTCHours(), minute: t.getUTCMinutes(), second: t.getUTCSeconds(), ms: t.getUTCMilliseconds() };
  }
  const parts = Object.fromEntries(formatter(tz).formatToParts(t).map((p) => [p.type, p.value]));
  return { year: +parts.year!, month: +parts.month!, day: +parts.day!, hour: +parts.hour!, minute: +parts.minute!, second: +parts.second!, ms: t.getUTCMilliseconds() };
}

const wallAsUtc = (w: Wall) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);

/** The instant a wall time names (the earlier one when a DST change repeats it). */
export function fromWall(w: Wall, tz = platformTimeZone()): Date {
  const guess = wallAsUtc(w);
  if (tz === "UTC") return new Date(guess);
  let t = guess;
  for (let i = 0; i < 3; i++) {
    const offset = wallAsUtc(toWall(new Date(t), tz)) - t;
    t = guess - offset;
  }
  return new Date(t);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Same day n calendar months later, clamped to the month's end: Jan 31 + 1 month = Feb 28 (29 in leap years). */
export function addMonths(t: Date, months: number, tz = platformTimeZone()): Date {
  const w = toWall(t, tz);
  const index = w.year * 12 + (w.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return fromWall({ ...w, year, month, day: Math.min(w.day, daysInMonth(year, month)) }, tz);
}

/** Start of the hour or day containing t, in the platform's calendar. */
export function floorTo(t: Date, unit: "hour" | "day", tz = platformTimeZone()): Date {
  const w = toWall(t, tz);
  return fromWall({ ...w, hour: unit === "day" ? 0 : w.hour, minute: 0, second: 0, ms: 0 }, tz);
}

/** The next hour or day boundary strictly after t (Date.UTC normalises day 32 into the next month). */
export function nextBoundary(t: Date, unit: "hour" | "day", tz = platformTimeZone()): Date {
  const start = floorTo(t, unit, tz);
  if (unit === "hour") return new Date(start.getTime() + 3_600_000);
  const w = toWall(start, tz);
  return fromWall({ ...w, day: w.day + 1 }, tz);
}
