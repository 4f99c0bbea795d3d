import { describe, expect, it } from "vitest";
import { parseTransactionQuery } from "./transaction-query";

describe("transaction query", () => {
  it("takes whole UTC days, both ends included", () => {
    const { filters } = parseTransactionQuery({ from: "2026-02-01", to: "2026-02-28", type: "usage", page: "3" });
    expect(filters.from?.toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(filters.to?.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(filters.types).toEqual(["usage"]);
  });
  it("drops what it cannot read instead of failing the page", () => {
    const { query, filters } = parseTransactionQuery({ from: "2026-13-45", type: "bogus", page: "-2" });
    expect(filters).toEqual({ from: undefined, to: undefined, types: undefined });
    expect(query.page).toBe(1);
  });
  it("reports a reversed period and ignores it", () => {
    const r = parseTransactionQuery({ from: "2026-03-02", to: "2026-03-01" });
    expect(r.badPeriod).toBe(true);
    expect(r.filters.from).toBeUndefined();
  });
});
