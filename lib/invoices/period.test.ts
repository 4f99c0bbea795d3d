import { describe, expect, it } from "vitest";
import { issueDateOf, periodDueAt, periodOf, shiftPeriod } from "./period";

describe("invoice periods", () => {
  it("are calendar months in the platform time zone", () => {
    expect(periodOf("2026-02", "UTC")).toMatchObject({ start: new Date("2026-02-01T00:00:00Z"), end: new Date("2026-03-01T00:00:00Z") });
    expect(periodOf("2026-12", "Asia/Shanghai")).toMatchObject({ start: new Date("2026-11-30T16:00:00Z"), end: new Date("2026-12-31T16:00:00Z") });
    expect(shiftPeriod("2026-01", -1)).toBe("2025-12");
    expect(() => periodOf("2026-13")).toThrow();
  });

  it("last month becomes due when the 5th begins, not before", () => {
    expect(periodDueAt(new Date("2026-03-04T23:59:59Z"), "UTC")).toBeNull();
    expect(periodDueAt(new Date("2026-03-05T00:00:00Z"), "UTC")?.key).toBe("2026-02");
    expect(periodDueAt(new Date("2026-01-20T10:00:00Z"), "UTC")?.key).toBe("2025-12");
    // 2026-03-04T16:00Z is already the 5th in Shanghai.
    expect(periodDueAt(new Date("2026-03-04T16:00:00Z"), "Asia/Shanghai")?.key).toBe("2026-02");
    expect(issueDateOf("2026-02", "UTC")).toEqual(new Date("2026-03-05T00:00:00Z"));
  });
});
