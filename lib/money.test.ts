import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  MAX_MONEY,
  divRoundHalfEven,
  formatMoney,
  fromCents,
  parseMoney,
  roundHalfEvenToCents,
  toCents,
  toDecimalString,
} from "./money";

describe("parseMoney", () => {
  it.each([
    ["0.01", 10_000n],
    ["12", 12_000_000n],
    ["12.5", 12_500_000n],
    ["12.50", 12_500_000n],
    ["  7.25 ", 7_250_000n],
    ["0.000001", 1n],
    [".5", 500_000n],
    ["5.", 5_000_000n],
    ["+3", 3_000_000n],
    ["007.10", 7_100_000n],
    ["1000000000000", MAX_MONEY],
  ])("reads %j as %s micro-dollars", (input, expected) => {
    expect(parseMoney(input)).toBe(expected);
  });

  it.each([
    ["", /Enter an amount/],
    ["   ", /Enter an amount/],
    ["1e3", /plain digits/],
    ["1E-2", /plain digits/],
    ["12.3.4", /one decimal point/],
    ["1.0000001", /6 decimal places/],
    ["1,000", /in digits/],
    ["$5", /in digits/],
    ["abc", /in digits/],
    [".", /in digits/],
    ["-", /in digits/],
    ["Infinity", /in digits/],
    ["NaN", /in digits/],
    ["0x10", /in digits/],
    ["1000000000000.000001", /too large/],
    ["9".repeat(400), /too large/],
    ["-5", /cannot be negative/],
    ["0", /more than zero/],
    ["0.000000", /more than zero/],
  ])("refuses %j with a clear message", (input, message) => {
    const attempt = () => parseMoney(input);
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(message);
  });

  it("takes negatives and zero only when the field allows them", () => {
    expect(parseMoney("-3.10", { allowNegative: true })).toBe(-3_100_000n);
    expect(parseMoney("-0.000001", { allowNegative: true })).toBe(-1n);
    expect(parseMoney("0", { allowZero: true })).toBe(0n);
    expect(() => parseMoney("-1000000000000.01", { allowNegative: true })).toThrow(/too large/);
  });

  it("names the field so a form can show the error beside it", () => {
    try {
      parseMoney("1e3", { field: "amount" });
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe("VALIDATION");
      expect((e as AppError).fieldErrors).toEqual({ amount: [expect.stringMatching(/plain digits/)] });
    }
  });
});

describe("rounding to cents (half-even)", () => {
  it.each([
    [5_000n, 0n], // 0.005 -> 0.00 (tie, 0 is even)
    [15_000n, 20_000n], // 0.015 -> 0.02 (tie, 2 is even)
    [25_000n, 20_000n], // 0.025 -> 0.02
    [25_001n, 30_000n], // just above the tie
    [24_999n, 20_000n],
    [-5_000n, 0n],
    [-15_000n, -20_000n],
    [-25_000n, -20_000n],
    [-25_001n, -30_000n],
    [1_234_565_000n, 1_234_560_000n],
    [1_234_575_000n, 1_234_580_000n],
    [9_999n, 10_000n],
    [0n, 0n],
  ])("%s micros -> %s", (micros, expected) => {
    expect(roundHalfEvenToCents(micros)).toBe(expected);
    expect(toCents(micros)).toBe(expected / 10_000n);
  });

  it("is within half a cent, idempotent and symmetric", () => {
    const amount = fc.bigInt({ min: -MAX_MONEY, max: MAX_MONEY });
    fc.assert(
      fc.property(amount, (m) => {
        const r = roundHalfEvenToCents(m);
        const diff = r - m;
        expect(diff <= 5_000n && diff >= -5_000n).toBe(true);
        expect(r % 10_000n).toBe(0n);
        expect(roundHalfEvenToCents(r)).toBe(r);
        expect(roundHalfEvenToCents(-m)).toBe(-r);
        expect(fromCents(toCents(m))).toBe(r);
      }),
    );
  });

  it("has no drift over many ties (half-up would)", () => {
    const ties = Array.from({ length: 1000 }, (_, i) => BigInt(i) * 10_000n + 5_000n);
    const exact = ties.reduce((a, b) => a + b, 0n);
    const rounded = ties.reduce((a, b) => a + roundHalfEvenToCents(b), 0n);
    expect(rounded).toBe(exact);
  });

  it("divides with half-even for any signs", () => {
    expect(divRoundHalfEven(7n, 2n)).toBe(4n);
    expect(divRoundHalfEven(5n, 2n)).toBe(2n);
    expect(divRoundHalfEven(-5n, 2n)).toBe(-2n);
    expect(divRoundHalfEven(5n, -2n)).toBe(-2n);
    expect(() => divRoundHalfEven(1n, 0n)).toThrow(RangeError);
  });
});

describe("decimal text and formatting", () => {
  it.each([
    [0n, "0.00"],
    [1n, "0.000001"],
    [-1n, "-0.000001"],
    [12_500_000n, "12.50"],
    [12_345_678n, "12.345678"],
    [MAX_MONEY, "1000000000000.00"],
  ])("toDecimalString(%s) = %s", (micros, text) => {
    expect(toDecimalString(micros)).toBe(text);
  });

  it("round-trips every amount through its decimal text", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -MAX_MONEY, max: MAX_MONEY }), (m) => {
        expect(parseMoney(toDecimalString(m), { allowNegative: true, allowZero: true })).toBe(m);
      }),
    );
  });

  it.each([
    [1_234_560_000n, "en", "$1,234.56"],
    [1_234_560_000n, "zh-CN", "US$1,234.56"],
    [-5_000_000n, "en", "-$5.00"],
    [5_000n, "en", "$0.00"], // a tie rounds to even
    [15_000n, "en", "$0.02"],
    [MAX_MONEY - 5_000n, "en", "$1,000,000,000,000.00"], // .995 is a tie: to the even cent, beyond float precision
    [MAX_MONEY - 15_000n, "en", "$999,999,999,999.98"],
  ] as const)("formatMoney(%s, %s) = %s", (micros, locale, text) => {
    expect(formatMoney(micros, locale)).toBe(text);
  });

  it("shows micro-dollars when asked, and signs for movements", () => {
    expect(formatMoney(1_234_567n, "en", { exact: true })).toBe("$1.234567");
    expect(formatMoney(5_000_000n, "en", { signed: true })).toBe("+$5.00");
    expect(formatMoney(-5_000_000n, "zh-CN", { signed: true })).toBe("-US$5.00");
    expect(formatMoney(0n, "en", { signed: true })).toBe("$0.00");
  });

  it("formats exactly where a float would not", () => {
    // 9007199254740993 cents is beyond 2^53: Number() would print ...992.
    const micros = 90_071_992_547_409_930_000n;
    expect(formatMoney(micros, "en")).toBe("$90,071,992,547,409.93");
  });

  it("agrees with the rounded cents for any amount", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -MAX_MONEY, max: MAX_MONEY }), fc.constantFrom("en", "zh-CN" as const), (m, locale) => {
        const digits = formatMoney(m, locale).replace(/[^\d]/g, "");
        const cents = toCents(m);
        expect(BigInt(digits)).toBe(cents < 0n ? -cents : cents);
      }),
    );
  });
});
