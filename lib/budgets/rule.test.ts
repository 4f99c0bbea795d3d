import { describe, expect, it } from "vitest";
import { dollars } from "@/lib/money";
import { percentOf, sortThresholds, thresholdCrossed } from "./rule";

const budget = dollars(100);

describe("the budget threshold rule", () => {
  it.each([
    // [percent, kind, spend, forecast, crossed]
    [80, "actual", dollars(80), 0n, true],
    [80, "actual", dollars(80) - 1n, dollars(500), false],
    [80, "actual", dollars(81), 0n, true],
    [100, "forecast", dollars(10), dollars(100), true],
    [100, "forecast", dollars(99), dollars(100) - 1n, false],
    [1000, "actual", dollars(999), 0n, false],
    [1000, "actual", dollars(1000), 0n, true],
    [1, "actual", 0n, 0n, false],
    [1, "actual", dollars(1), 0n, true],
  ] as const)("%i %% %s with spend %s and forecast %s: crossed %s", (percent, kind, spend, forecast, crossed) => {
    expect(thresholdCrossed({ percent, kind }, { amount: budget, spend, forecast })).toBe(crossed);
  });

  it("is exact for amounts that do not divide evenly", () => {
    // 80 % of $0.000003 is 2.4 micro-dollars: 2 is under, 3 is over.
    expect(thresholdCrossed({ percent: 80, kind: "actual" }, { amount: 3n, spend: 2n, forecast: 0n })).toBe(false);
    expect(thresholdCrossed({ percent: 80, kind: "actual" }, { amount: 3n, spend: 3n, forecast: 0n })).toBe(true);
  });

  it("a refund below zero spend is never crossed", () => {
    expect(thresholdCrossed({ percent: 1, kind: "actual" }, { amount: budget, spend: -dollars(5), forecast: -dollars(5) })).toBe(false);
  });

  it("shows the share of the budget spent, rounded down, and the thresholds actual first", () => {
    expect(percentOf(dollars(79) + 999_999n, budget)).toBe(79);
    expect(percentOf(dollars(250), budget)).toBe(250);
    expect(percentOf(-dollars(1), budget)).toBe(0);
    expect(sortThresholds([{ percent: 100, kind: "forecast" }, { percent: 90, kind: "actual" }, { percent: 50, kind: "actual" }])).toEqual([
      { percent: 50, kind: "actual" },
      { percent: 90, kind: "actual" },
      { percent: 100, kind: "forecast" },
    ]);
  });
});
