import { describe, expect, it } from "vitest";
import { parseMoney } from "@/lib/money";
import { formatLineUsage, formatQuantity, formatReduction, formatUnitPrice } from "./format";

const usd = (s: string) => parseMoney(s);

describe("an invoice line's quantity, unit and price", () => {
  it("reads as the quantity in its unit times the unit price, in both languages", () => {
    const line = { units: "744", unitLabel: "server-hour", unitPrice: usd("1.60") };
    expect(formatLineUsage(line, "en")).toBe("744 server-hour × $1.60");
    expect(formatLineUsage({ ...line, unitLabel: "instance-hour" }, "en")).toBe("744 instance-hours × $1.60");
    expect(formatLineUsage({ ...line, unitLabel: "instance-hour" }, "zh-CN")).toBe("744 实例·小时 × US$1.60");
    expect(formatLineUsage({ units: "31", unitLabel: "server-day", unitPrice: usd("38.40") }, "en")).toBe("31 server-days × $38.40");
    expect(formatLineUsage({ units: "31", unitLabel: "server-day", unitPrice: usd("38.40") }, "zh-CN")).toBe("31 台·天 × US$38.40");
    expect(formatLineUsage({ units: "3", unitLabel: "instance-month", unitPrice: usd("62") }, "en")).toBe("3 instance-months × $62.00");
    expect(formatLineUsage({ units: "3", unitLabel: "instance-month", unitPrice: usd("62") }, "zh-CN")).toBe("3 实例·月 × US$62.00");
  });

  it("groups thousands and keeps the unit singular only for one", () => {
    expect(formatQuantity(1_234_567, "GB-day", "en")).toBe("1,234,567 GB-days");
    expect(formatQuantity(1_234_567, "GB-day", "zh-CN")).toBe("1,234,567 GB·天");
    expect(formatQuantity(1, "server-day", "en")).toBe("1 server-day");
    expect(formatQuantity(74_400, "Mbps-hour", "en")).toBe("74,400 Mbps-hours");
    // A resource started at 10:17 held its first hour for 43 minutes.
    expect(formatQuantity(743.716667, "instance-hour", "en")).toBe("743.72 instance-hours");
    // A unit the catalogue spells its own way is printed as it is spelled.
    expect(formatQuantity(12_000, "request", "en")).toBe("12,000 request");
  });

  it("prices to the cent unless the product is priced finer, without trailing zeros", () => {
    expect(formatUnitPrice(usd("1.6"), "en")).toBe("$1.60");
    expect(formatUnitPrice(usd("38.40"), "zh-CN")).toBe("US$38.40");
    expect(formatUnitPrice(usd("0.0125"), "en")).toBe("$0.0125");
    expect(formatUnitPrice(usd("0.0125"), "zh-CN")).toBe("US$0.0125");
    expect(formatUnitPrice(usd("0.096"), "en")).toBe("$0.096");
    expect(formatUnitPrice(usd("0.00075"), "en")).toBe("$0.00075");
    expect(formatUnitPrice(usd("1234.5"), "en")).toBe("$1,234.50");
    expect(formatUnitPrice(-usd("0.0125"), "en")).toBe("-$0.0125");
  });

  it("shows a discount or voucher as negative, and nothing taken off as zero", () => {
    expect(formatReduction(usd("12"), "en")).toBe("-$12.00");
    expect(formatReduction(usd("1234.5"), "zh-CN")).toBe("-US$1,234.50");
    expect(formatReduction(0n, "en")).toBe("$0.00");
  });

  it("leaves a line without a quantity (another charge, rounding) blank and one without a price as the quantity", () => {
    expect(formatLineUsage({ units: null, unitLabel: null, unitPrice: null }, "en")).toBe("");
    expect(formatLineUsage({ units: "2", unitLabel: "hour", unitPrice: null }, "en")).toBe("2 hours");
  });
});
