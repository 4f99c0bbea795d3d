import { describe, expect, it } from "vitest";
import { dollars } from "@/lib/money";
import { lowFunds } from "./low-funds";

const alerts = { enabled: true, thresholds: [dollars(100), dollars(500)] };

describe("low funds", () => {
  it("is low below an enabled threshold, naming the lowest crossed", () => {
    expect(lowFunds(dollars(50), alerts, null)).toEqual({ low: true, threshold: dollars(100) });
    expect(lowFunds(dollars(200), alerts, 30)).toEqual({ low: true, threshold: dollars(500) });
    expect(lowFunds(dollars(600), alerts, 30)).toEqual({ low: false, threshold: undefined });
  });

  it("ignores thresholds while alerts are off", () => {
    expect(lowFunds(dollars(50), { ...alerts, enabled: false }, null)).toEqual({ low: false, threshold: undefined });
  });

  it("is low with less than a week of runway", () => {
    expect(lowFunds(dollars(600), alerts, 6)).toEqual({ low: true, threshold: undefined });
    expect(lowFunds(dollars(600), alerts, 7)).toEqual({ low: false, threshold: undefined });
    expect(lowFunds(dollars(600), alerts, 0)).toEqual({ low: true, threshold: undefined });
  });

  it("is not low when negative (the overview says negative instead)", () => {
    expect(lowFunds(-1n, alerts, 0).low).toBe(false);
  });
});
