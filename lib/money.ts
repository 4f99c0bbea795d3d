import { AppError } from "@/lib/errors";

/**
 * Money is an integer number of micro-dollars (1 USD = 1_000_000n) in a bigint.
 * Nothing here ever turns an amount into a JS number: parsing works on the decimal
 * string, rounding on bigints, and formatting hands Intl a decimal string.
 */
export type Micros = bigint;
export type MoneyLocale = "en" | "zh-CN";

export const MICROS_PER_DOLLAR = 1_000_000n;
export const MICROS_PER_CENT = 10_000n;
export const MONEY_DECIMALS = 6;
/** Far above any real bill, far below Postgres bigint (9.2e18): overflow is impossible. */
export const MAX_MONEY: Micros = 1_000_000_000_000n * MICROS_PER_DOLLAR;

export interface ParseMoneyOptions {
  /** Refunds and staff adjustments may be negative; a top-up or a price may not. */
  allowNegative?: boolean;
  /** Zero is refused unless the field allows it (a top-up of $0 is a mistake). */
  allowZero?: boolean;
  /** Field name for the error's fieldErrors, so a form can show it beside the input. */
  field?: string;
}

function invalid(message: string, field?: string): AppError {
  return new AppError("VALIDATION", message, field ? { [field]: [message] } : undefined);
}

/**
 * Parses what a person typed ("12", "12.5", "0.000001", "-3.10") into micro-dollars.
 * Refuses everything that is not plain decimal digits, rather than guessing: "1e3",
 * "1,000", "12.3.4", more than 6 decimals, an empty field, or an absurd amount.
 */
export function parseMoney(input: string, opts: ParseMoneyOptions = {}): Micros {
  const s = input.trim();
  if (s === "") throw invalid("Enter an amount.", opts.field);
  if (/[eE]/.test(s)) throw invalid("Write the amount in plain digits, like 1000 or 12.50.", opts.field);
  if ((s.match(/\./g) ?? []).length > 1) throw invalid("An amount has at most one decimal point.", opts.field);
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw invalid("Enter an amount in digits, like 12.50.", opts.field);
  const [, sign, whole, frac = ""] = m;
  if (frac.length > MONEY_DECIMALS) throw invalid(`Use at most ${MONEY_DECIMALS} decimal places.`, opts.field);
  // Cap the digits before BigInt so a megabyte of "9" costs nothing.
  if (whole!.replace(/^0+/, "").length > 13) throw invalid(tooLargeMessage(), opts.field);
  const magnitude = BigInt(whole || "0") * MICROS_PER_DOLLAR + BigInt(frac.padEnd(MONEY_DECIMALS, "0"));
  if (magnitude > MAX_MONEY) throw invalid(tooLargeMessage(), opts.field);
  const value = sign === "-" ? -magnitude : magnitude;
  if (value < 0n && !opts.allowNegative) throw invalid("The amount cannot be negative.", opts.field);
  if (value === 0n && !opts.allowZero) throw invalid("The amount must be more than zero.", opts.field);
  return value;
}

function tooLargeMessage(): string {
  return `The amount is too large (at most ${toDecimalString(MAX_MONEY, { minDecimals: 0 })} USD).`;
}

/** Whole dollars, for amounts that come from code rather than from a person. */
export function dollars(n: number | bigint): Micros {
  if (typeof n === "number" && !Number.isSafeInteger(n)) throw new RangeError("dollars() takes whole dollars");
  return BigInt(n) * MICROS_PER_DOLLAR;
}

/** Banker's rounding of a ratio of bigints: ties go to the even neighbour, so rounding many lines has no drift. */
export function divRoundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("division by zero");
  if (denominator < 0n) return divRoundHalfEven(-numerator, -denominator);
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  let q = n / denominator;
  const twice = (n % denominator) * 2n;
  if (twice > denominator || (twice === denominator && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

/** Rounds micro-dollars to whole cents (half-even); the result is still in micro-dollars. */
export function roundHalfEvenToCents(micros: Micros): Micros {
  return divRoundHalfEven(micros, MICROS_PER_CENT) * MICROS_PER_CENT;
}

/** Whole cents, half-even: what an invoice line or a card charge uses. */
export function toCents(micros: Micros): bigint {
  return divRoundHalfEven(micros, MICROS_PER_CENT);
}

export function fromCents(cents: bigint): Micros {
  return cents * MICROS_PER_CENT;
}

/**
 * Exact decimal text of an amount: "12.50", "-0.000001", "1000.00". Trailing zeros
 * beyond minDecimals are dropped, so micro-dollar precision shows only when present.
 */
export function toDecimalString(micros: Micros, opts: { minDecimals?: number } = {}): string {
  const minDecimals = opts.minDecimals ?? 2;
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  const whole = (abs / MICROS_PER_DOLLAR).toString();
  let frac = (abs % MICROS_PER_DOLLAR).toString().padStart(MONEY_DECIMALS, "0");
  while (frac.length > minDecimals && frac.endsWith("0")) frac = frac.slice(0, -1);
  return `${negative ? "-" : ""}${whole}${frac ? `.${frac}` : ""}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: MoneyLocale, decimals: number, signDisplay: "auto" | "exceptZero"): Intl.NumberFormat {
  const key = `${locale}|${decimals}|${signDisplay}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: "USD",
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      signDisplay,
    });
    formatters.set(key, f);
  }
  return f;
}

export interface FormatMoneyOptions {
  /** Show all 6 decimals (usage prices) instead of cents. */
  exact?: boolean;
  /** "+$5.00" for credits in a movement list. */
  signed?: boolean;
}

/**
 * "$1,234.56" / "US$1,234.56". Rounds half-even to cents first (unless exact), then gives
 * Intl the decimal as a string: Intl formats strings exactly, a float it would round.
 */
export function formatMoney(micros: Micros, locale: MoneyLocale, opts: FormatMoneyOptions = {}): string {
  const decimals = opts.exact ? MONEY_DECIMALS : 2;
  const value = opts.exact ? micros : roundHalfEvenToCents(micros);
  const text = toDecimalString(value, { minDecimals: decimals }) as Intl.StringNumericLiteral;
  return formatter(locale, decimals, opts.signed ? "exceptZero" : "auto").format(text);
}

export function sumMoney(values: Iterable<Micros>): Micros {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

export function absMoney(micros: Micros): Micros {
  return micros < 0n ? -micros : micros;
}
