import { describe, expect, it } from "vitest";
import { batchEffect, voucherMoney } from "./batch-effect";

const products = [
  { id: "gpu.a10.xlarge", label: "GPU instance A10" },
  { id: "slb.standard", label: "Load balancer" },
];
const draft = { count: "3", faceValue: "12.50", productIds: [] as string[], validFrom: "2030-01-01", validUntil: "2030-12-31" };

describe("the effect of a new voucher batch", () => {
  it("multiplies count by face value in integer micro-dollars", () => {
    expect(batchEffect(draft, products, "en")).toMatchObject({ count: 3, faceValue: "$12.50", total: "$37.50" });
    expect(batchEffect({ ...draft, count: "10000", faceValue: "0.1" }, products, "en").total).toBe("$1,000.00");
    // Fractions of a cent are shown, not rounded away: 3 × $0.005 is $0.015, not "3 × $0.01 = $0.02".
    expect(batchEffect({ ...draft, faceValue: "0.005" }, products, "en")).toMatchObject({ faceValue: "$0.005000", total: "$0.015000" });
  });

  it("includes the last valid day: the codes stop at 00:00 UTC the day after", () => {
    expect(batchEffect(draft, products, "en").validity).toEqual({ from: "Jan 1, 2030", until: "Dec 31, 2030", end: "Jan 1, 2031, 00:00 UTC" });
    expect(batchEffect(draft, products, "zh-CN").validity.until).toBe("2030年12月31日");
  });

  it("names the chosen products in the reader's language, or none for every product", () => {
    expect(batchEffect(draft, products, "en").products).toBeNull();
    expect(batchEffect({ ...draft, productIds: ["gpu.a10.xlarge", "slb.standard"] }, products, "zh-CN").products).toBe("GPU instance A10、Load balancer");
  });

  it("shows whole cents as cents", () => {
    expect(voucherMoney(25_000_000n, "en")).toBe("$25.00");
  });
});
