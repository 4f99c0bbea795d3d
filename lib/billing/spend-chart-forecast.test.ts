import { describe, expect, it } from "vitest";
import { spendChartMonths, type SpendFigures } from "./spend-months";

const month = (m: string, gross: bigint, source: SpendFigures["source"]): SpendFigures => ({ month: m, gross, discount: 0n, voucherPaid: 0n, cashPaid: gross, source, invoiceNumber: null });

describe("the spend chart's forecast segment", () => {
  it("sits on the month in progress only: forecast less month to date, and the hover's month-end figure", () => {
    const figures = [month("2026-10", 5_000_000n, "invoice"), month("2026-11", 7_000_000n, "open")];
    const [closed, open] = spendChartMonths(figures, "en", { month: "2026-11", gross: 19_506_000n, monthToDate: 7_000_000n });
    expect(closed!.forecastCents).toBeUndefined();
    expect(open).toMatchObject({ forecast: "$19.51", forecastCents: 1250 });
    // Nothing left to forecast: no negative segment.
    expect(spendChartMonths(figures, "zh-CN", { month: "2026-11", gross: 6_000_000n, monthToDate: 7_000_000n })[1]).toMatchObject({ forecast: "US$6.00", forecastCents: 0 });
    expect(spendChartMonths(figures, "en")[1]!.forecast).toBeUndefined();
  });
});
