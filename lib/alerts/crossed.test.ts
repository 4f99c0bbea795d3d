import { describe, expect, it } from "vitest";
import { dollars } from "@/lib/money";
import { lowestCrossed } from "./crossed";

describe("lowestCrossed", () => {
  const thresholds = [dollars(500), dollars(100), dollars(1000)];
  it("names the lowest threshold the funds are below, whatever the order they are stored in", () => {
    expect(lowestCrossed(thresholds, dollars(50))).toBe(dollars(100));
    expect(lowestCrossed(thresholds, dollars(300))).toBe(dollars(500));
    expect(lowestCrossed(thresholds, -dollars(20))).toBe(dollars(100));
  });
  it("is undefined at or above every threshold, and with none", () => {
    expect(lowestCrossed(thresholds, dollars(1000))).toBeUndefined();
    expect(lowestCrossed([], 0n)).toBeUndefined();
  });
});
