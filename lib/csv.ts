import { roundHalfEvenToCents, toDecimalString } from "@/lib/money";

/**
 * One CSV field. Text that a spreadsheet would run as a formula (= + - @) is defused with
 * a leading quote; pass `text = false` for numbers, whose minus sign is meant.
 */
export function csvField(value: string, text = true): string {
  const safe = text && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The unit each money column of an export names in its header. */
export const MONEY_UNITS = {
  en: { cents: "USD", micros: "micro-USD" },
  "zh-CN": { cents: "USD", micros: "微美元" },
} as const;

/**
 * A money column pair's headers: "Amount (USD)" (dollars to the cent) and "Amount
 * (micro-USD)" (whole micro-dollars, exact).
 */
export function moneyHeaders(label: string, locale: keyof typeof MONEY_UNITS): [string, string] {
  const u = MONEY_UNITS[locale];
  return [`${label} (${u.cents})`, `${label} (${u.micros})`];
}

/**
 * One amount as its two CSV fields: dollars rounded half-even to the cent with two
 * decimals ("2982.78", as every page shows it), and the exact integer of micro-dollars
 * ("2982775000"), so a spreadsheet sums either without a float surprise.
 */
export function moneyFields(micros: bigint): [string, string] {
  return [toDecimalString(roundHalfEvenToCents(micros), { minDecimals: 2 }), micros.toString()];
}
