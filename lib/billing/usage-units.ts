import { floorTo, platformTimeZone } from "./time";

/** What a charge row tells of its usage. */
export interface ChargeUsage {
  billingMode: "payg_hourly" | "payg_daily";
  metered: boolean;
  quantity: bigint;
  periodStart: Date;
  periodEnd: Date;
}

/**
 * How much of the product's unit (instance-hour, server-day, GB-day …) a charge is: the
 * reported usage of a metered product; otherwise the units held times the part of the
 * increment charged (a resource started at 10:17 holds its first hour for 43 minutes), to
 * four decimals. A number for plural rules and display, never for money.
 */
export function chargedUnits(c: ChargeUsage, tz = platformTimeZone()): number {
  if (c.metered) return Number(c.quantity);
  const whole = c.periodEnd.getTime() - floorTo(c.periodStart, c.billingMode === "payg_daily" ? "day" : "hour", tz).getTime();
  const part = c.periodEnd.getTime() - c.periodStart.getTime();
  return Math.round((Number(c.quantity) * part * 10_000) / whole) / 10_000;
}

/** The unit labels with translated names (lib/i18n/messages/…/usage.json `units`); others are shown as the catalogue spells them. */
export const KNOWN_UNITS = ["instance-hour", "server-day", "Mbps-hour", "IP-hour", "GB-day", "hour", "day", "instance-month", "server-month", "month"] as const;
export type KnownUnit = (typeof KNOWN_UNITS)[number];
export const isKnownUnit = (u: string): u is KnownUnit => (KNOWN_UNITS as readonly string[]).includes(u);
