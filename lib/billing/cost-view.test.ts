import { afterEach, describe, expect, it } from "vitest";
import { costViewQuery, forecastScope, parseCostView, periodsOf, presetRange } from "./cost-view";

afterEach(() => {
  delete process.env.PLATFORM_TIME_ZONE;
});

describe("the cost explorer's view in the URL", () => {
  const now = new Date("2026-03-15T20:00:00Z");

  it("presets are the platform's months up to today; in Shanghai 20:00 UTC on the 15th is already the 16th", () => {
    expect(presetRange("this-month", now)).toEqual({ from: "2026-03-01", to: "2026-03-15" });
    expect(presetRange("last-month", now)).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(presetRange("12m", now)).toEqual({ from: "2025-04-01", to: "2026-03-15" });
    process.env.PLATFORM_TIME_ZONE = "Asia/Shanghai";
    expect(presetRange("3m", now)).toEqual({ from: "2026-01-01", to: "2026-03-16" });
  });

  it("reads back every part of a view it wrote, so a bookmark shows the same view", () => {
    const q = { range: "custom", from: "2025-12-30", to: "2026-01-02", by: "day", group: "tag:cost:centre", product: "bms.c6.metal", region: "us-west-1", mode: "payg_daily", tag: "team:ml:core", amount: "gross" };
    const { view, badRange } = parseCostView(q, now);
    expect(badRange).toBe(false);
    expect(view.group).toEqual({ kind: "tag", key: "cost:centre" });
    expect(view.filters.tag).toEqual({ key: "team", value: "ml:core" });
    expect(periodsOf(view)).toEqual(["2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02"]);
    expect(parseCostView(Object.fromEntries(new URLSearchParams(costViewQuery(view))), now).view).toEqual(view);
    expect(periodsOf({ ...view, granularity: "month" })).toEqual(["2025-12", "2026-01"]);
  });

  it("a reversed or too long custom range is reported and the last 6 months shown; nonsense falls back to the defaults", () => {
    expect(parseCostView({ range: "custom", from: "2026-03-01", to: "2026-02-01" }, now)).toMatchObject({ badRange: true, view: { preset: "6m", from: "2025-10-01" } });
    expect(parseCostView({ range: "custom", from: "2024-01-01", to: "2026-01-01", by: "day" }, now).badRange).toBe(true);
    expect(parseCostView({ range: "custom", from: "2024-01-01", to: "2026-01-01", by: "month" }, now).badRange).toBe(false);
    const { view } = parseCostView({ by: "hour", group: "colour", mode: "free", resource: "not-a-uuid", amount: "tax" }, now);
    expect(view).toMatchObject({ granularity: "month", group: { kind: "product" }, filters: {}, amount: "net" });
  });

  it("the forecast covers the whole account, one product or one tag, and only when the range reaches this month", () => {
    const v = (q: Record<string, string>) => parseCostView(q, now).view;
    expect(forecastScope(v({ range: "last-month" }), now)).toEqual({ inRange: false, scope: {} });
    expect(forecastScope(v({ range: "3m", tag: "team:ml" }), now)).toEqual({ inRange: true, scope: { tag: { key: "team", value: "ml" } } });
    expect(forecastScope(v({ range: "3m", product: "p", region: "r" }), now).scope).toBeNull();
  });
});
