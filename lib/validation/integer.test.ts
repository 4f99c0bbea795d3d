import { describe, expect, it } from "vitest";
import { wholeNumber } from "./integer";

const Quantity = wholeNumber({ min: 1, max: 1000 });

describe("wholeNumber", () => {
  it.each([
    ["an exponent", "1e3"],
    ["hexadecimal", "0x10"],
    ["a decimal point", "1.0"],
    ["a fraction", "2.5"],
    ["a leading space", " 12"],
    ["a trailing space", "12 "],
    ["a plus sign", "+5"],
    ["a minus sign", "-5"],
    ["Arabic-Indic digits", "١٢"],
    ["full-width digits", "１２"],
    ["an empty field", ""],
    ["a thousands separator", "1,000"],
    ["Infinity", "Infinity"],
    ["below the range", "0"],
    ["above the range", "1001"],
    ["a huge number", "99999999999999999999"],
    ["a non-integer number", 2.5],
    ["NaN", Number.NaN],
    ["a boolean", true],
    ["nothing", undefined],
  ])("refuses %s", (_n, value) => {
    const r = Quantity.safeParse(value);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("validation.wholeNumber");
  });

  it("reads plain digits, and integers, within the range", () => {
    expect(Quantity.parse("12")).toBe(12);
    expect(Quantity.parse("1")).toBe(1);
    expect(Quantity.parse("1000")).toBe(1000);
    expect(Quantity.parse("007")).toBe(7);
    expect(Quantity.parse(40)).toBe(40);
  });

  it("takes negatives only when the range has them", () => {
    expect(wholeNumber({ min: -10, max: 10 }).parse("-3")).toBe(-3);
  });

  it("in a JSON body, takes only a JSON integer", () => {
    const Json = wholeNumber({ min: 1, max: 1000, json: true });
    expect(Json.parse(5)).toBe(5);
    expect(Json.safeParse("5").success).toBe(false);
  });

  it("says the field's own message for every failure", () => {
    expect(wholeNumber({ min: 1, max: 28, message: "payments.errors.day" }).safeParse("1e1").error?.issues[0]?.message).toBe("payments.errors.day");
  });
});
