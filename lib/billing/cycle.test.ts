import { describe, expect, it } from "vitest";
import { accrue, allocateVouchers, bestRate, discountOf, dueIncrements, incrementGross, price, subscriptionPrice, termEnd } from "./cycle";
import { addMonths, nextBoundary } from "./time";

const d = (s: string) => new Date(s);
const iso = (t: Date) => t.toISOString();

describe("dueIncrements", () => {
  const hourly = (start: string, billed = start) => ({ startedAt: d(start), billedUntil: d(billed), mode: "payg_hourly" as const });

  it.each([
    // started, until, final, expected [start, end, minutes]
    ["2025-03-01T10:20:00Z", "2025-03-01T10:59:00Z", false, []],
    ["2025-03-01T10:20:00Z", "2025-03-01T11:00:00Z", false, [["10:20", "11:00", 40]]],
    ["2025-03-01T10:20:30Z", "2025-03-01T11:00:00Z", false, [["10:20", "11:00", 40]]], // a started minute counts
    ["2025-03-01T10:20:00Z", "2025-03-01T12:30:00Z", false, [["10:20", "11:00", 40], ["11:00", "12:00", 60]]],
    ["2025-03-01T10:20:00Z", "2025-03-01T12:30:00Z", true, [["10:20", "11:00", 40], ["11:00", "12:00", 60], ["12:00", "13:00", 60]]],
    ["2025-03-01T10:00:00Z", "2025-03-01T10:00:00Z", true, []],
    ["2025-03-01T10:00:00Z", "2025-03-01T10:01:00Z", true, [["10:00", "11:00", 60]]],
  ] as const)("hourly from %s to %s (final %s)", (start, until, final, expected) => {
    const incs = dueIncrements(hourly(start), d(until), { final, tz: "UTC" });
    expect(incs.map((i) => [iso(i.start).slice(11, 16), iso(i.end).slice(11, 16), i.minutes])).toEqual(expected);
    expect(incs.every((i) => i.minutesInIncrement === 60)).toBe(true);
  });

  it("catches up from billed_until and never repeats an increment", () => {
    const incs = dueIncrements(hourly("2025-03-01T10:20:00Z", "2025-03-01T12:00:00Z"), d("2025-03-02T00:00:00Z"), { tz: "UTC" });
    expect(incs).toHaveLength(12);
    expect(incs[0]!.minutes).toBe(60);
    expect(iso(incs.at(-1)!.end)).toBe("2025-03-02T00:00:00.000Z");
    expect(dueIncrements(hourly("2025-03-01T10:20:00Z", "2025-03-01T12:00:00Z"), d("2025-03-02T00:00:00Z"), { tz: "UTC", limit: 5 })).toHaveLength(5);
  });

  it("daily increments cross month ends, February and leap days", () => {
    const daily = (start: string) => ({ startedAt: d(start), billedUntil: d(start), mode: "payg_daily" as const });
    const incs = dueIncrements(daily("2024-02-27T18:00:00Z"), d("2024-03-02T00:00:00Z"), { tz: "UTC" });
    expect(incs.map((i) => iso(i.end).slice(0, 10))).toEqual(["2024-02-28", "2024-02-29", "2024-03-01", "2024-03-02"]);
    expect(incs[0]!.minutes).toBe(360);
    expect(incs[0]!.minutesInIncrement).toBe(1440);
    const y2025 = dueIncrements(daily("2025-02-28T00:00:00Z"), d("2025-03-01T00:00:00Z"), { tz: "UTC" });
    expect(y2025.map((i) => iso(i.end))).toEqual(["2025-03-01T00:00:00.000Z"]);
    expect(nextBoundary(d("2025-12-31T05:00:00Z"), "day", "UTC").toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  it("follows the platform time zone for days", () => {
    const incs = dueIncrements({ startedAt: d("2025-03-01T00:00:00Z"), billedUntil: d("2025-03-01T00:00:00Z"), mode: "payg_daily" }, d("2025-03-02T16:00:00Z"), { tz: "Asia/Shanghai" });
    // Shanghai midnight is 16:00 UTC: the first day runs 00:00–16:00 UTC (960 minutes).
    expect(incs.map((i) => [iso(i.end), i.minutes])).toEqual([["2025-03-01T16:00:00.000Z", 960], ["2025-03-02T16:00:00.000Z", 1440]]);
  });
});

describe("amounts", () => {
  it.each([
    [50_000n, 1n, 60, 60, 50_000n],
    [50_000n, 1n, 40, 60, 33_333n], // 33,333.33 → 33,333
    [50_000n, 2n, 40, 60, 66_667n], // 66,666.67 → 66,667
    [1n, 1n, 30, 60, 0n], // 0.5 → 0 (half-even)
    [3n, 1n, 30, 60, 2n], // 1.5 → 2
    [5n, 1n, 30, 60, 2n], // 2.5 → 2
    [2_400_000n, 3n, 1, 1440, 5_000n],
  ])("unit %s × %s for %s/%s minutes = %s", (unit, qty, minutes, of, expected) => {
    expect(incrementGross(unit, qty, { minutes, minutesInIncrement: of })).toBe(expected);
  });

  it.each([
    [1_000_000n, 0, 0n],
    [1_000_000n, 1500, 150_000n],
    [333_333n, 1500, 50_000n], // 49,999.95 → 50,000
    [5n, 1000, 0n], // 0.5 → 0
    [15n, 1000, 2n], // 1.5 → 2
    [1_000_000n, 10_000, 1_000_000n],
  ])("discount of %s at %s bps = %s", (amount, bps, expected) => {
    expect(discountOf(amount, bps)).toBe(expected);
  });

  it("discounts never stack: the larger applies", () => {
    expect(bestRate(500, 1000)).toBe(1000);
    expect(bestRate(null, undefined)).toBe(0);
    expect(price(1_000_000n, 500, 1000)).toEqual({ gross: 1_000_000n, discount: 100_000n, net: 900_000n, rateBps: 1000 });
    // 12 months at 15% term discount; a 10% promotion does not add to it.
    expect(subscriptionPrice(10_000_000n, 2n, 12, 1500, 1000).net).toBe(204_000_000n);
    // A 20% promotion beats a 5% term discount.
    expect(subscriptionPrice(10_000_000n, 1n, 3, 500, 2000).discount).toBe(6_000_000n);
    expect(() => bestRate(10_001)).toThrow();
    expect(() => bestRate(1.5)).toThrow();
  });

  it("accrues to a cent without losing or inventing a fraction", () => {
    expect(accrue(0n, 9_999n)).toEqual({ deduct: 0n, carry: 9_999n });
    expect(accrue(9_999n, 1n)).toEqual({ deduct: 10_000n, carry: 0n });
    expect(accrue(5_000n, 123_456n)).toEqual({ deduct: 120_000n, carry: 8_456n });
    // 1,000 increments of 0.3333 cents: the total deducted plus the carry equals the total charged.
    let carry = 0n;
    let deducted = 0n;
    for (let i = 0; i < 1000; i++) {
      const r = accrue(carry, 3_333n);
      deducted += r.deduct;
      carry = r.carry;
    }
    expect(deducted + carry).toBe(3_333_000n);
    expect(deducted % 10_000n).toBe(0n);
    expect(() => accrue(-1n, 1n)).toThrow();
  });

  it("vouchers pay in the order given, as far as they go", () => {
    expect(allocateVouchers(100n, [{ id: "a", balance: 30n }, { id: "b", balance: 100n }])).toEqual({ paid: 100n, uses: [{ id: "a", amount: 30n }, { id: "b", amount: 70n }] });
    expect(allocateVouchers(100n, [{ id: "a", balance: 0n }, { id: "b", balance: 40n }])).toEqual({ paid: 40n, uses: [{ id: "b", amount: 40n }] });
    expect(allocateVouchers(0n, [{ id: "a", balance: 10n }]).uses).toEqual([]);
  });
});

describe("terms", () => {
  it.each([
    ["2025-01-31T08:00:00Z", 1, "2025-02-28T08:00:00.000Z"],
    ["2024-01-31T08:00:00Z", 1, "2024-02-29T08:00:00.000Z"],
    ["2024-02-29T00:00:00Z", 12, "2025-02-28T00:00:00.000Z"],
    ["2025-03-31T00:00:00Z", 6, "2025-09-30T00:00:00.000Z"],
    ["2025-11-30T12:00:00Z", 3, "2026-02-28T12:00:00.000Z"],
    ["2025-05-15T12:00:00Z", 12, "2026-05-15T12:00:00.000Z"],
  ] as const)("%s + %s months = %s", (start, months, expected) => {
    expect(termEnd(d(start), months, "UTC").toISOString()).toBe(expected);
  });

  it("counts months in the platform time zone", () => {
    // 2025-01-31 20:00 UTC is Feb 1 in Shanghai: one month later is Mar 1 there.
    expect(addMonths(d("2025-01-31T20:00:00Z"), 1, "Asia/Shanghai").toISOString()).toBe("2025-02-28T20:00:00.000Z");
  });
});
