import { z } from "zod";

/** A calendar day in a query string, `2026-02-28`; an impossible date is refused. */
export const DaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));

/** Next's searchParams as plain strings: the first of repeated keys, empty values dropped. */
export function flattenSearchParams(sp: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) || undefined]));
}

/** Whole UTC days, both ends included: [from 00:00, day after `to` 00:00). */
export function utcDayRange(from?: string, to?: string): { from?: Date; to?: Date } {
  return {
    from: from ? new Date(`${from}T00:00:00Z`) : undefined,
    to: to ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000) : undefined,
  };
}
